#!/usr/bin/env bash
# (c) The usual init-hook way: a shell script of AWS CLI batch commands, as a LocalStack
# ready.d hook would run them. Usage: awscli-seed.sh ENDPOINT DATA_DIR
set -euo pipefail
endpoint=$1
dir=$2
AWS=${AWS_CLI:-aws}
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
a() { "$AWS" --endpoint-url "$endpoint" "$@" > /dev/null; }

a s3 sync "$dir/objects" s3://bench-objects/
for f in "$dir"/ddb-batches/*.json; do
  a dynamodb batch-write-item --request-items "file://$f"
done
url=$("$AWS" --endpoint-url "$endpoint" sqs get-queue-url --queue-name bench-jobs --query QueueUrl --output text)
for f in "$dir"/sqs-batches/*.json; do
  a sqs send-message-batch --queue-url "$url" --entries "file://$f"
done
