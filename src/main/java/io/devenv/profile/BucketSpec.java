package io.devenv.profile;

import java.util.List;

@Doc("An S3 bucket.")
public record BucketSpec(
    Origin origin,
    @Doc("The bucket name (3-63 characters: lowercase letters, digits, dots, hyphens).") @Required String name,
    @Doc("Keep every version of every object.") @Default("false") boolean versioning,
    @Doc("CORS rules.") List<CorsRule> cors,
    @Doc("Events sent to SQS queues of this profile.") List<Notification> notifications) {

  @Doc("A CORS rule of a bucket.")
  public record CorsRule(
      @Doc("HTTP methods allowed: GET, PUT, POST, DELETE, HEAD.") @Required List<String> allowedMethods,
      @Doc("Origins allowed, `*` for any.") @Required List<String> allowedOrigins,
      @Doc("Request headers allowed.") List<String> allowedHeaders,
      @Doc("Response headers exposed to the browser.") List<String> exposeHeaders,
      @Doc("How long a browser may cache the preflight answer, in seconds.") Integer maxAgeSeconds) {}

  @Doc("An S3 event notification to an SQS queue.")
  public record Notification(
      @Doc("The queue (declared in this profile) that receives the events.") @Required String queue,
      @Doc("S3 event types, e.g. `s3:ObjectCreated:*`.") @Default("[s3:ObjectCreated:*]") List<String> events,
      @Doc("Only keys starting with this.") String prefix,
      @Doc("Only keys ending with this.") String suffix) {}
}
