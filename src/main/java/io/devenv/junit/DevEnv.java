package io.devenv.junit;

import io.devenv.engine.EngineKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a devenv environment: the same profile a developer brings up with
 * {@code devenv up}. One environment per JVM and profile, shared by every class that names it,
 * started once and removed at the end of the run — unless it was already running (started by
 * {@code devenv up}), in which case it is used and left running.
 *
 * <p>Inject a {@link DevEnvironment}, AWS SDK v2 clients ({@code S3Client}, {@code SqsClient},
 * {@code SnsClient}, {@code DynamoDbClient}, {@code KinesisClient}, {@code SecretsManagerClient},
 * {@code SsmClient}) or a fabric8 {@code KubernetesClient} as test or lifecycle method parameters,
 * or into fields marked {@link Inject}.
 *
 * <p>System properties override the annotation, so CI can point the same tests elsewhere:
 * {@code devenv.engine}, {@code devenv.aws.endpoint}, {@code devenv.kubeconfig},
 * {@code devenv.kube.context}, {@code devenv.projectDir}, {@code devenv.report}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DevEnvExtension.class)
public @interface DevEnv {

  /** A profile name in {@code profiles/}, or a path ending in .yaml; empty for the project's default. */
  String profile() default "";

  /** Where the environment runs. */
  EngineKind engine() default EngineKind.DOCKER;

  /** With {@link EngineKind#EXTERNAL}: the AWS endpoint (else the profile's {@code aws.endpoint}). */
  String awsEndpoint() default "";

  /** With {@link EngineKind#EXTERNAL}: the kubeconfig file (else $KUBECONFIG, then ~/.kube/config). */
  String kubeconfig() default "";

  /**
   * Buckets, tables and queues (by name) emptied and seeded again before this class runs, so it
   * starts from the profile's seed data whatever earlier classes did.
   */
  String[] reseed() default {};

  /**
   * A checkpoint (saved with {@code devenv checkpoint save NAME} in this project) restored before
   * this class runs: every declared bucket, table, queue, secret and parameter holds exactly its
   * data, whatever earlier classes did. Runs before {@link #reseed}.
   */
  String checkpoint() default "";

  /**
   * Deploy the profile's Kubernetes part into a namespace of this class's own, removed after it;
   * {@link DevEnvironment#namespace()} names it.
   */
  boolean freshNamespace() default false;

  /** Marks a field to receive a {@link DevEnvironment}, an AWS SDK client or a KubernetesClient. */
  @Target(ElementType.FIELD)
  @Retention(RetentionPolicy.RUNTIME)
  @Documented
  @interface Inject {}
}
