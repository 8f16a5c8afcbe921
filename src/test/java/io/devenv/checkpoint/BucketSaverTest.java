package io.devenv.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.devenv.seed.KnownObjects;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Which object versions a save records as ones a restore may trust without asking for their headers. */
class BucketSaverTest {
  static final Instant NOW = Instant.parse("2026-11-29T07:30:10Z");

  static GetObjectResponse answer(Instant lastModified, String date) {
    var b = GetObjectResponse.builder().eTag("\"abc\"").lastModified(lastModified);
    SdkHttpResponse.Builder http = SdkHttpResponse.builder().statusCode(200);
    if (date != null) {
      http.putHeader("Date", date);
    }
    return (GetObjectResponse) b.sdkHttpResponse(http.build()).build();
  }

  static String http(Instant t) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atZone(ZoneOffset.UTC));
  }

  @Test
  @DisplayName("an object last written two seconds or more before the emulator's Date is trusted, with its ETag unquoted")
  void oldEnough() {
    assertThat(BucketSaver.trusted(answer(NOW.minusSeconds(2), http(NOW))))
        .isEqualTo(new KnownObjects.Version("abc", NOW.minusSeconds(2)));
  }

  @Test
  @DisplayName("an object written in the Date's second or the one before, or an answer without a usable Date, is not: a write in the same second would not show")
  void tooRecentOrUndated() {
    assertThat(BucketSaver.trusted(answer(NOW.minusSeconds(1), http(NOW)))).as("the second before").isNull();
    assertThat(BucketSaver.trusted(answer(NOW.minusMillis(1_001), http(NOW)))).as("two seconds before, to the second")
        .isNotNull();
    assertThat(BucketSaver.trusted(answer(NOW, http(NOW)))).as("the same second").isNull();
    assertThat(BucketSaver.trusted(answer(NOW.minusSeconds(60), null))).as("no Date header").isNull();
    assertThat(BucketSaver.trusted(answer(NOW.minusSeconds(60), "yesterday"))).as("a Date that is not a date").isNull();
  }
}
