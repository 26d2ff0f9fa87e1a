package dev.vireo.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptEncodingTest {

  @ParameterizedTest(name = "''{0}'' allows gzip: {1}")
  @CsvSource(delimiter = '|', value = {
      "gzip | true",
      "GZIP | true",
      "deflate, gzip | true",
      "gzip;q=0.5, br | true",
      "x-gzip | true",
      "* | true",
      "identity | false",
      "br, deflate | false",
      "gzip;q=0 | false",
      "gzip; q=0.0, * | false",
      "*;q=0 | false",
      "gzip;q=abc | false",
      "'' | false"})
  void readsTheHeader(String header, boolean allowed) {
    assertEquals(allowed, AcceptEncoding.allowsGzip(List.of(header)));
  }

  @org.junit.jupiter.api.Test
  void noHeaderMeansIdentity() {
    assertEquals(false, AcceptEncoding.allowsGzip(null));
  }
}
