#!/usr/bin/env python3
"""Probe, with boto3, the AWS features devenv provisions, against an emulator on this machine.

Usage: python3 .ci/probe-aws-features.py [http://127.0.0.1:4566]
Needs boto3. Creates uniquely named resources, bounded waits (a few seconds each); prints one line
per feature, a closing 'probe: N ok, N failing' line, exit 1 on any failure. Used to judge an emulator or a new pin of
one (MiniStack 1.5.33: all pass; moto 5.2.1: S3 event key is URL-encoded, SNS FIFO fails).
Only ever point it at 127.0.0.1 or a container this machine runs.
"""
import json, sys, time, uuid, traceback
import boto3
from botocore.config import Config

URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:4566"
if not URL.startswith(("http://127.", "http://localhost", "http://[::1]")):
    sys.exit(f"refusing {URL}: only loopback endpoints")
cfg = Config(retries={"max_attempts": 1}, s3={"addressing_style": "path"})
def c(name):
    return boto3.client(name, endpoint_url=URL, region_name="us-east-1",
                        aws_access_key_id="test", aws_secret_access_key="test", config=cfg)

s3, sqs, sns, ddb, kin, sm, ssm = (c(n) for n in ("s3", "sqs", "sns", "dynamodb", "kinesis", "secretsmanager", "ssm"))
sfx = uuid.uuid4().hex[:8]
results = []

def check(name):
    def deco(f):
        try:
            note = f()
            results.append((name, "OK", note or ""))
        except Exception as e:
            results.append((name, "FAIL", f"{type(e).__name__}: {str(e)[:200]}"))
        return f
    return deco

def recv_all(qurl, want=1, timeout=5, **kw):
    out, end = [], time.time() + timeout
    while time.time() < end and len(out) < want:
        r = sqs.receive_message(QueueUrl=qurl, MaxNumberOfMessages=10, WaitTimeSeconds=1, **kw)
        out += r.get("Messages", [])
    return out

bucket = f"b-{sfx}"
@check("s3 create/put/get/list")
def _():
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="a/b.txt", Body=b"hello")
    assert s3.get_object(Bucket=bucket, Key="a/b.txt")["Body"].read() == b"hello"
    assert [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]] == ["a/b.txt"]
    s3.head_bucket(Bucket=bucket)

@check("s3 versioning")
def _():
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    assert s3.get_bucket_versioning(Bucket=bucket).get("Status") == "Enabled"
    v1 = s3.put_object(Bucket=bucket, Key="v.txt", Body=b"1").get("VersionId")
    v2 = s3.put_object(Bucket=bucket, Key="v.txt", Body=b"2").get("VersionId")
    vs = s3.list_object_versions(Bucket=bucket, Prefix="v.txt").get("Versions", [])
    assert v1 and v2 and v1 != v2, (v1, v2)
    assert len(vs) == 2, vs
    assert s3.get_object(Bucket=bucket, Key="v.txt", VersionId=v1)["Body"].read() == b"1"
    return "2 versions listed, GET by VersionId ok"

@check("s3 cors")
def _():
    rules = [{"AllowedMethods": ["GET", "PUT"], "AllowedOrigins": ["http://localhost:3000"],
              "AllowedHeaders": ["*"], "MaxAgeSeconds": 300}]
    s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": rules})
    got = s3.get_bucket_cors(Bucket=bucket)["CORSRules"]
    assert got[0]["AllowedOrigins"] == ["http://localhost:3000"], got
    import urllib.request
    req = urllib.request.Request(f"{URL}/{bucket}/a/b.txt", method="OPTIONS",
        headers={"Origin": "http://localhost:3000", "Access-Control-Request-Method": "GET"})
    try:
        r = urllib.request.urlopen(req)
        h = r.headers.get("Access-Control-Allow-Origin")
    except Exception as e:
        h = f"preflight error {e}"
    return f"get_bucket_cors round-trips; preflight ACAO={h}"

@check("s3 tagging")
def _():
    s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": [{"Key": "team", "Value": "vod"}]})
    assert s3.get_bucket_tagging(Bucket=bucket)["TagSet"] == [{"Key": "team", "Value": "vod"}]

@check("s3 notification -> sqs (config + delivery)")
def _():
    q = sqs.create_queue(QueueName=f"s3ev-{sfx}")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=q, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    b2 = f"nb-{sfx}"
    s3.create_bucket(Bucket=b2)
    s3.put_bucket_notification_configuration(Bucket=b2, NotificationConfiguration={
        "QueueConfigurations": [{"QueueArn": arn, "Events": ["s3:ObjectCreated:*"],
            "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "in/"}]}}}]})
    got = s3.get_bucket_notification_configuration(Bucket=b2)
    assert got.get("QueueConfigurations"), got
    s3.put_object(Bucket=b2, Key="in/x.jpg", Body=b"x")
    s3.put_object(Bucket=b2, Key="out/y.jpg", Body=b"y")
    msgs = recv_all(q, want=3, timeout=4)
    bodies = [json.loads(m["Body"]) for m in msgs]
    keys = [r["s3"]["object"]["key"] for b in bodies for r in b.get("Records", [])]
    tests = [b for b in bodies if b.get("Event") == "s3:TestEvent"]
    assert "in/x.jpg" in keys, bodies
    return f"delivered keys={keys} (prefix filter {'ok' if 'out/y.jpg' not in keys else 'IGNORED'}), testEvent={len(tests)}"

@check("sqs standard + attrs + tags")
def _():
    q = sqs.create_queue(QueueName=f"std-{sfx}", Attributes={"VisibilityTimeout": "45", "MessageRetentionPeriod": "86400"},
                         tags={"team": "vod"})["QueueUrl"]
    a = sqs.get_queue_attributes(QueueUrl=q, AttributeNames=["All"])["Attributes"]
    assert a["VisibilityTimeout"] == "45", a
    t = sqs.list_queue_tags(QueueUrl=q).get("Tags")
    sqs.tag_queue(QueueUrl=q, Tags={"env": "dev"})
    t2 = sqs.list_queue_tags(QueueUrl=q).get("Tags")
    assert t2 == {"team": "vod", "env": "dev"}, t2
    assert sqs.get_queue_url(QueueName=f"std-{sfx}")["QueueUrl"] == q
    return f"url={q}"

@check("sqs fifo")
def _():
    q = sqs.create_queue(QueueName=f"f-{sfx}.fifo", Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"})["QueueUrl"]
    for i in range(3):
        sqs.send_message(QueueUrl=q, MessageBody=f"m{i}", MessageGroupId="g")
    sqs.send_message(QueueUrl=q, MessageBody="m0", MessageGroupId="g")  # dup
    got = []
    for _ in range(6):
        r = sqs.receive_message(QueueUrl=q, MaxNumberOfMessages=10, WaitTimeSeconds=1)
        for m in r.get("Messages", []):
            got.append(m["Body"]); sqs.delete_message(QueueUrl=q, ReceiptHandle=m["ReceiptHandle"])
        if len(got) >= 3: break
    assert got == ["m0", "m1", "m2"], got
    return "ordered, content-based dedup ok"

@check("sqs redrive/dlq")
def _():
    dlq = sqs.create_queue(QueueName=f"dlq-{sfx}")["QueueUrl"]
    darn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    q = sqs.create_queue(QueueName=f"src-{sfx}", Attributes={"VisibilityTimeout": "1",
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": darn, "maxReceiveCount": "2"})})["QueueUrl"]
    rp = json.loads(sqs.get_queue_attributes(QueueUrl=q, AttributeNames=["RedrivePolicy"])["Attributes"]["RedrivePolicy"])
    sqs.send_message(QueueUrl=q, MessageBody="poison")
    end = time.time() + 10
    moved = []
    while time.time() < end and not moved:
        sqs.receive_message(QueueUrl=q, WaitTimeSeconds=1, VisibilityTimeout=1)
        time.sleep(1.1)
        moved = sqs.receive_message(QueueUrl=dlq, WaitTimeSeconds=0).get("Messages", [])
    assert moved, "message never moved to DLQ"
    try:
        src = sqs.list_dead_letter_source_queues(QueueUrl=dlq).get("queueUrls")
    except Exception as e:
        src = f"UNSUPPORTED ({type(e).__name__})"
    return f"policy={rp}; moved to DLQ; list_dead_letter_source_queues={src}"

@check("sqs send_message_batch")
def _():
    q = sqs.create_queue(QueueName=f"batch-{sfx}")["QueueUrl"]
    r = sqs.send_message_batch(QueueUrl=q, Entries=[{"Id": str(i), "MessageBody": f"b{i}"} for i in range(10)])
    assert len(r.get("Successful", [])) == 10, r
    n = int(sqs.get_queue_attributes(QueueUrl=q, AttributeNames=["ApproximateNumberOfMessages"])["Attributes"]["ApproximateNumberOfMessages"])
    assert n == 10, n

@check("sns topic + sqs sub raw + filter policy (delivery)")
def _():
    t = sns.create_topic(Name=f"t-{sfx}", Tags=[{"Key": "team", "Value": "vod"}])["TopicArn"]
    qraw = sqs.create_queue(QueueName=f"raw-{sfx}")["QueueUrl"]
    qenv = sqs.create_queue(QueueName=f"env-{sfx}")["QueueUrl"]
    arn = lambda u: sqs.get_queue_attributes(QueueUrl=u, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    s1 = sns.subscribe(TopicArn=t, Protocol="sqs", Endpoint=arn(qraw), ReturnSubscriptionArn=True,
        Attributes={"RawMessageDelivery": "true", "FilterPolicy": json.dumps({"kind": ["thumb"]})})["SubscriptionArn"]
    s2 = sns.subscribe(TopicArn=t, Protocol="sqs", Endpoint=arn(qenv), ReturnSubscriptionArn=True)["SubscriptionArn"]
    at = sns.get_subscription_attributes(SubscriptionArn=s1)["Attributes"]
    assert at.get("RawMessageDelivery") == "true" and "thumb" in at.get("FilterPolicy", ""), at
    subs = sns.list_subscriptions_by_topic(TopicArn=t)["Subscriptions"]
    assert len(subs) == 2
    sns.publish(TopicArn=t, Message="m-thumb", MessageAttributes={"kind": {"DataType": "String", "StringValue": "thumb"}})
    sns.publish(TopicArn=t, Message="m-other", MessageAttributes={"kind": {"DataType": "String", "StringValue": "other"}})
    raw = [m["Body"] for m in recv_all(qraw, want=2, timeout=3)]
    env = [m["Body"] for m in recv_all(qenv, want=2, timeout=3)]
    assert raw == ["m-thumb"], raw
    envmsgs = sorted(json.loads(b)["Message"] for b in env)
    assert envmsgs == ["m-other", "m-thumb"], env
    tags = sns.list_tags_for_resource(ResourceArn=t).get("Tags")
    return f"raw queue got {raw} (filter applied), enveloped queue got {envmsgs}; topic tags={tags}"

@check("sns fifo topic -> fifo queue")
def _():
    t = sns.create_topic(Name=f"tf-{sfx}.fifo", Attributes={"FifoTopic": "true", "ContentBasedDeduplication": "true"})["TopicArn"]
    q = sqs.create_queue(QueueName=f"qf-{sfx}.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
    qa = sqs.get_queue_attributes(QueueUrl=q, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=t, Protocol="sqs", Endpoint=qa, Attributes={"RawMessageDelivery": "true"})
    sns.publish(TopicArn=t, Message="x", MessageGroupId="g")
    got = [m["Body"] for m in recv_all(q, want=1, timeout=3)]
    assert got == ["x"], got

table = f"t-{sfx}"
@check("dynamodb create table + GSI + tags")
def _():
    ddb.create_table(TableName=table, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"},
                              {"AttributeName": "g", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        GlobalSecondaryIndexes=[{"IndexName": "byG", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                 "Projection": {"ProjectionType": "ALL"}}],
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        Tags=[{"Key": "team", "Value": "vod"}])
    ddb.get_waiter("table_exists").wait(TableName=table, WaiterConfig={"Delay": 1, "MaxAttempts": 10})
    d = ddb.describe_table(TableName=table)["Table"]
    assert d["TableStatus"] == "ACTIVE" and d["GlobalSecondaryIndexes"][0]["IndexName"] == "byG", d
    tags = ddb.list_tags_of_resource(ResourceArn=d["TableArn"])["Tags"]
    ddb.tag_resource(ResourceArn=d["TableArn"], Tags=[{"Key": "env", "Value": "dev"}])
    tags2 = ddb.list_tags_of_resource(ResourceArn=d["TableArn"])["Tags"]
    assert len(tags2) == 2, tags2
    return f"status={d['TableStatus']} gsiStatus={d['GlobalSecondaryIndexes'][0].get('IndexStatus')} stream={d.get('LatestStreamArn','-')[-40:]}"

@check("dynamodb update TTL")
def _():
    ddb.update_time_to_live(TableName=table, TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"})
    d = ddb.describe_time_to_live(TableName=table)["TimeToLiveDescription"]
    assert d.get("AttributeName") == "exp" and d["TimeToLiveStatus"] in ("ENABLED", "ENABLING"), d
    return str(d)

@check("dynamodb batch write + GSI query")
def _():
    items = [{"PutRequest": {"Item": {"pk": {"S": f"p{i}"}, "sk": {"S": "s"}, "g": {"S": "x" if i % 2 else "y"}}}} for i in range(25)]
    r = ddb.batch_write_item(RequestItems={table: items})
    assert not r.get("UnprocessedItems"), r
    n = ddb.scan(TableName=table, Select="COUNT")["Count"]
    q = ddb.query(TableName=table, IndexName="byG", KeyConditionExpression="g = :g", ExpressionAttributeValues={":g": {"S": "x"}})["Count"]
    assert n == 25 and q == 12, (n, q)
    return "25 items, GSI query 12"

@check("dynamodb streams (records)")
def _():
    ds = c("dynamodbstreams")
    arn = ddb.describe_table(TableName=table)["Table"]["LatestStreamArn"]
    sh = ds.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    it = ds.get_shard_iterator(StreamArn=arn, ShardId=sh, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    recs = ds.get_records(ShardIterator=it)["Records"]
    assert recs, "no records"
    return f"{len(recs)} records, first event {recs[0]['eventName']}"

@check("dynamodb update stream spec on existing table")
def _():
    t2 = f"t2-{sfx}"
    ddb.create_table(TableName=t2, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
    ddb.update_table(TableName=t2, StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    d = ddb.describe_table(TableName=t2)["Table"]
    assert d.get("StreamSpecification", {}).get("StreamEnabled"), d

stream = f"s-{sfx}"
@check("kinesis create + describe summary + put/get")
def _():
    kin.create_stream(StreamName=stream, ShardCount=2)
    for _ in range(20):
        s = kin.describe_stream_summary(StreamName=stream)["StreamDescriptionSummary"]
        if s["StreamStatus"] == "ACTIVE": break
        time.sleep(0.5)
    assert s["StreamStatus"] == "ACTIVE" and s["OpenShardCount"] == 2, s
    kin.put_record(StreamName=stream, Data=b"e1", PartitionKey="k")
    kin.add_tags_to_stream(StreamName=stream, Tags={"team": "vod"})
    shards = kin.list_shards(StreamName=stream)["Shards"]
    total = 0
    for sh in shards:
        it = kin.get_shard_iterator(StreamName=stream, ShardId=sh["ShardId"], ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        total += len(kin.get_records(ShardIterator=it)["Records"])
    assert total == 1, total
    return f"summary ok (status={s['StreamStatus']}, shards={s['OpenShardCount']}, mode={s.get('StreamModeDetails')})"

@check("secretsmanager create/get/update/tags")
def _():
    n = f"app/{sfx}/db"
    a = sm.create_secret(Name=n, SecretString=json.dumps({"u": "x"}), Tags=[{"Key": "team", "Value": "vod"}])["ARN"]
    assert json.loads(sm.get_secret_value(SecretId=n)["SecretString"]) == {"u": "x"}
    sm.put_secret_value(SecretId=n, SecretString="v2")
    assert sm.get_secret_value(SecretId=a)["SecretString"] == "v2"
    d = sm.describe_secret(SecretId=n)
    assert d.get("Tags") == [{"Key": "team", "Value": "vod"}], d.get("Tags")
    try:
        sm.create_secret(Name=n, SecretString="again")
        return "WARNING: duplicate create did not fail"
    except sm.exceptions.ResourceExistsException:
        pass
    try:
        sm.get_secret_value(SecretId="nope-" + sfx)
    except sm.exceptions.ResourceNotFoundException:
        return "dup create -> ResourceExistsException, missing -> ResourceNotFoundException"

@check("ssm String/SecureString/tags/path")
def _():
    ssm.put_parameter(Name=f"/app/{sfx}/url", Value="http://x", Type="String", Tags=[{"Key": "team", "Value": "vod"}])
    ssm.put_parameter(Name=f"/app/{sfx}/pw", Value="s3cret", Type="SecureString")
    p = ssm.get_parameter(Name=f"/app/{sfx}/pw", WithDecryption=True)["Parameter"]
    enc = ssm.get_parameter(Name=f"/app/{sfx}/pw", WithDecryption=False)["Parameter"]["Value"]
    assert p["Value"] == "s3cret" and p["Type"] == "SecureString", p
    tags = ssm.list_tags_for_resource(ResourceType="Parameter", ResourceId=f"/app/{sfx}/url")["TagList"]
    assert tags == [{"Key": "team", "Value": "vod"}], tags
    ps = ssm.get_parameters_by_path(Path=f"/app/{sfx}", Recursive=True)["Parameters"]
    assert len(ps) == 2
    try:
        ssm.put_parameter(Name=f"/app/{sfx}/url", Value="y", Type="String")
        return "WARNING: overwrite without Overwrite=True did not fail"
    except ssm.exceptions.ParameterAlreadyExists:
        pass
    ssm.put_parameter(Name=f"/app/{sfx}/url", Value="y", Type="String", Overwrite=True)
    return f"SecureString without decryption returns {enc!r}"

@check("sts get-caller-identity")
def _():
    return str(c("sts").get_caller_identity()["Account"])

w = max(len(r[0]) for r in results)
for name, st, note in results:
    print(f"{st:4} {name:<{w}}  {note}")
print(f"probe: {sum(r[1]=='OK' for r in results)} ok, {sum(r[1]!='OK' for r in results)} failing")
sys.exit(1 if any(r[1] != "OK" for r in results) else 0)
