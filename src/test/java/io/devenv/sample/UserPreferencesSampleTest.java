package io.devenv.sample;

import org.junit.jupiter.api.extension.ExtendWith;
// tag::imports[]
import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.junit.DevEnv;
import io.devenv.junit.DevEnvironment;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
// end::imports[]

/**
 * An integration test of the sample platform's user-preferences service, written the way an
 * application team would: the environment comes from the same profile developers run with
 * devenv up.
 */
@ExtendWith(LocalEmulatorImage.class)
// tag::class[]
@Tag("docker") // needs Docker: lets a build run these apart from its fast tests
@DevEnv(profile = "src/test/resources/sample/user-preferences.yaml")
class UserPreferencesSampleTest {

  @DevEnv.Inject
  DynamoDbClient dynamo;

  @Test
  @DisplayName("the seed data is there: 60 users, each with a display name, found through the by-key index")
  void seededPreferencesByKey() {
    var byKey = dynamo.queryPaginator(q -> q.tableName("user-preferences").indexName("by-key")
        .keyConditionExpression("#k = :k")
        .expressionAttributeNames(Map.of("#k", "key"))
        .expressionAttributeValues(Map.of(":k", AttributeValue.fromS("profile.displayName"))));

    assertThat(byKey.items().stream().count()).as("one display name per seeded user").isEqualTo(60);
  }

  @Test
  @DisplayName("a preference written by the service is read back, non-ASCII intact")
  void writesAndReads(DevEnvironment env) {
    var key = Map.of("userId", AttributeValue.fromS("user-sample"), "key", AttributeValue.fromS("ui.theme"));
    dynamo.putItem(p -> p.tableName("user-preferences").item(Map.of(
        "userId", AttributeValue.fromS("user-sample"), "key", AttributeValue.fromS("ui.theme"),
        "value", AttributeValue.fromS("sombre — «nuit»"))));

    var item = dynamo.getItem(g -> g.tableName("user-preferences").key(key)).item();

    assertThat(item.get("value").s()).isEqualTo("sombre — «nuit»");
    assertThat(env.tables()).as("the profile's tables, by name").containsExactly("user-preferences");
  }

  @Test
  @DisplayName("expired sessions go away by themselves: TTL is on expiresAt")
  void timeToLive() {
    var ttl = dynamo.describeTimeToLive(d -> d.tableName("user-preferences")).timeToLiveDescription();

    assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
    assertThat(ttl.attributeName()).isEqualTo("expiresAt");
  }
}
// end::class[]
