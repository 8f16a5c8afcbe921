package io.devenv.aws;

import io.devenv.profile.BucketSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.FilterRuleName;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Creates an S3 bucket with versioning, CORS and its tag, then its event notifications to SQS.
 *
 * <p>Compared on an existing bucket: versioning (when declared on, or when on and declared off),
 * the CORS rules (when declared), and each declared notification (events, prefix, suffix).
 */
final class BucketProvisioner {
  private final AwsClients aws;
  private final String profileName;

  // Asked even on an emulator known empty: emulators answer a create of a bucket one owns with 200,
  // so a bucket an init script made would pass for new and have its CORS and notifications replaced.
  BucketProvisioner(AwsClients aws, String profileName) {
    this.aws = aws;
    this.profileName = profileName;
  }

  /** Creates or checks the bucket itself; notifications come later, once their queues exist. */
  Change ensure(BucketSpec spec) {
    Change change = new Change("bucket", spec.name());
    S3Client s3 = aws.s3();
    if (!exists(spec.name())) {
      create(spec);
      change.created();
      s3.putBucketTagging(r -> r.bucket(spec.name())
          .tagging(t -> t.tagSet(Tag.builder().key(Tags.PROFILE).value(profileName).build())));
    }
    versioning(spec, change);
    cors(spec, change);
    return change;
  }

  private void create(BucketSpec spec) {
    aws.s3().createBucket(r -> {
      r.bucket(spec.name());
      if (!"us-east-1".equals(aws.region())) {
        r.createBucketConfiguration(c -> c.locationConstraint(aws.region()));
      }
    });
  }

  private boolean exists(String bucket) {
    return ResourcePresence.bucketExists(aws.s3(), bucket);
  }

  private void versioning(BucketSpec spec, Change change) {
    // A bucket just created has never had versioning: nothing to ask.
    BucketVersioningStatus status = change.isCreated() ? null : aws.s3().getBucketVersioning(r -> r.bucket(spec.name())).status();
    boolean on = status == BucketVersioningStatus.ENABLED;
    if (spec.versioning() && !on) {
      if (status == null || change.isCreated()) {
        aws.s3().putBucketVersioning(r -> r.bucket(spec.name())
            .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        change.changed("versioning enabled");
      } else {
        change.drift("versioning", status, "Enabled");
      }
    } else if (!spec.versioning() && on) {
      change.drift("versioning", "Enabled", "off");
    }
  }

  private void cors(BucketSpec spec, Change change) {
    if (spec.cors().isEmpty()) {
      return;
    }
    List<CORSRule> wanted = spec.cors().stream().map(BucketProvisioner::rule).toList();
    List<CORSRule> actual = change.isCreated() ? List.of() : currentCors(spec.name());
    if (actual.isEmpty()) {
      aws.s3().putBucketCors(r -> r.bucket(spec.name()).corsConfiguration(c -> c.corsRules(wanted)));
      change.changed("CORS rules set");
    } else if (!sameRules(actual, wanted)) {
      change.drift("CORS", actual.stream().map(BucketProvisioner::describe).toList(),
          wanted.stream().map(BucketProvisioner::describe).toList());
    }
  }

  private List<CORSRule> currentCors(String bucket) {
    try {
      return aws.s3().getBucketCors(r -> r.bucket(bucket)).corsRules();
    } catch (S3Exception e) {
      if ("NoSuchCORSConfiguration".equals(AwsErrors.code(e)) || e.statusCode() == 404) {
        return List.of();
      }
      throw e;
    }
  }

  private static CORSRule rule(BucketSpec.CorsRule r) {
    CORSRule.Builder b = CORSRule.builder().allowedMethods(r.allowedMethods()).allowedOrigins(r.allowedOrigins());
    if (!r.allowedHeaders().isEmpty()) {
      b.allowedHeaders(r.allowedHeaders());
    }
    if (!r.exposeHeaders().isEmpty()) {
      b.exposeHeaders(r.exposeHeaders());
    }
    if (r.maxAgeSeconds() != null) {
      b.maxAgeSeconds(r.maxAgeSeconds());
    }
    return b.build();
  }

  private static boolean sameRules(List<CORSRule> a, List<CORSRule> b) {
    return a.stream().map(BucketProvisioner::describe).toList().equals(b.stream().map(BucketProvisioner::describe).toList());
  }

  /** A rule as text with its lists sorted, so order and absent-vs-empty do not count as drift. */
  private static String describe(CORSRule r) {
    return "{methods=" + sorted(r.allowedMethods()) + " origins=" + sorted(r.allowedOrigins())
        + (r.hasAllowedHeaders() && !r.allowedHeaders().isEmpty() ? " headers=" + sorted(r.allowedHeaders()) : "")
        + (r.hasExposeHeaders() && !r.exposeHeaders().isEmpty() ? " expose=" + sorted(r.exposeHeaders()) : "")
        + (r.maxAgeSeconds() != null ? " maxAge=" + r.maxAgeSeconds() : "") + "}";
  }

  private static List<String> sorted(List<String> list) {
    return list == null ? List.of() : list.stream().sorted().toList();
  }

  /**
   * Adds the declared notifications the bucket lacks, keeping any it has; one that targets the
   * same queue with other events or filters is drift.
   *
   * @param queueArns the ARN of every queue of the profile, by name
   */
  void ensureNotifications(BucketSpec spec, Map<String, String> queueArns, Change change) {
    if (spec.notifications().isEmpty()) {
      return;
    }
    NotificationConfiguration current;
    if (change.isCreated()) {
      current = NotificationConfiguration.builder().build();
    } else {
      var response = aws.s3().getBucketNotificationConfiguration(r -> r.bucket(spec.name()));
      current = NotificationConfiguration.builder()
          .queueConfigurations(response.queueConfigurations())
          .topicConfigurations(response.topicConfigurations())
          .lambdaFunctionConfigurations(response.lambdaFunctionConfigurations())
          .eventBridgeConfiguration(response.eventBridgeConfiguration())
          .build();
    }
    List<QueueConfiguration> existing = current.hasQueueConfigurations() ? current.queueConfigurations() : List.of();
    List<QueueConfiguration> merged = new ArrayList<>(existing);
    List<String> added = new ArrayList<>();
    for (BucketSpec.Notification n : spec.notifications()) {
      String arn = queueArns.get(n.queue());
      QueueConfiguration wanted = queueConfiguration(n, arn);
      List<QueueConfiguration> sameQueue = existing.stream().filter(q -> arn.equals(q.queueArn())).toList();
      if (sameQueue.stream().anyMatch(q -> sameNotification(q, wanted))) {
        continue;
      }
      if (!sameQueue.isEmpty()) {
        change.drift("notification to queue " + n.queue(), sameQueue.stream().map(BucketProvisioner::describe).toList(),
            describe(wanted));
        continue;
      }
      merged.add(wanted);
      added.add(n.queue());
    }
    if (!added.isEmpty()) {
      // S3 replaces the whole configuration, so send what was there plus what is missing.
      aws.s3().putBucketNotificationConfiguration(r -> r.bucket(spec.name()).notificationConfiguration(
          NotificationConfiguration.builder()
              .queueConfigurations(merged)
              .topicConfigurations(current.topicConfigurations())
              .lambdaFunctionConfigurations(current.lambdaFunctionConfigurations())
              .eventBridgeConfiguration(current.eventBridgeConfiguration())
              .build()));
      change.changed("notifications to " + added + " added");
    }
  }

  private static QueueConfiguration queueConfiguration(BucketSpec.Notification n, String queueArn) {
    QueueConfiguration.Builder b = QueueConfiguration.builder().queueArn(queueArn).eventsWithStrings(n.events());
    List<FilterRule> rules = new ArrayList<>();
    if (n.prefix() != null && !n.prefix().isEmpty()) {
      rules.add(FilterRule.builder().name(FilterRuleName.PREFIX).value(n.prefix()).build());
    }
    if (n.suffix() != null && !n.suffix().isEmpty()) {
      rules.add(FilterRule.builder().name(FilterRuleName.SUFFIX).value(n.suffix()).build());
    }
    if (!rules.isEmpty()) {
      b.filter(f -> f.key(k -> k.filterRules(rules)));
    }
    return b.build();
  }

  private static boolean sameNotification(QueueConfiguration a, QueueConfiguration b) {
    return Objects.equals(a.queueArn(), b.queueArn())
        && new HashSet<>(a.eventsAsStrings()).equals(new HashSet<>(b.eventsAsStrings()))
        && filters(a).equals(filters(b));
  }

  private static Set<String> filters(QueueConfiguration q) {
    Set<String> set = new HashSet<>();
    if (q.filter() != null && q.filter().key() != null && q.filter().key().hasFilterRules()) {
      q.filter().key().filterRules().forEach(r -> set.add(r.nameAsString().toLowerCase(java.util.Locale.ROOT) + "=" + r.value()));
    }
    return set;
  }

  private static String describe(QueueConfiguration q) {
    return "{events=" + q.eventsAsStrings().stream().sorted().toList() + " filters=" + filters(q).stream().sorted().toList() + "}";
  }
}
