package dev.braid.springai;

import org.springframework.web.client.RestClientResponseException;

/**
 * Reads the status of a failed response of Spring's {@code RestClient} or {@code RestTemplate}. A
 * class of its own, loaded only for such a failure, so that applications without {@code spring-web}
 * never resolve its types.
 */
final class RestClientStatus {
  static final String TYPE = "org.springframework.web.client.RestClientResponseException";

  private RestClientStatus() {}

  static int of(Throwable failure) {
    return ((RestClientResponseException) failure).getStatusCode().value();
  }
}
