package io.devenv.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SeedLedgerTest {
  @Test
  @DisplayName("a full part of ids fits the SSM standard tier's 4 KB value limit and reads back the same")
  void encodeDecode() {
    List<Long> ids = LongStream.range(0, SeedLedger.IDS_PER_PART).map(i -> (i * 0x9E3779B97F4AL) & 0xFFFFFFFFFFFFL).boxed().toList();
    String encoded = SeedLedger.encode(ids);
    List<Long> decoded = new ArrayList<>();
    SeedLedger.decode(encoded, decoded);
    assertThat(encoded.length()).as("characters of a full part").isLessThanOrEqualTo(4096);
    assertThat(decoded).as("ids read back").isEqualTo(ids);
  }

  @Test
  @DisplayName("names of profiles and targets become valid SSM path segments")
  void sanitize() {
    assertThat(SeedLedger.sanitize("orders.fifo")).isEqualTo("orders.fifo");
    assertThat(SeedLedger.sanitize("my profile/é")).isEqualTo("my_profile__");
  }
}
