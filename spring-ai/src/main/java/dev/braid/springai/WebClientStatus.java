package dev.braid.springai;

import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Reads the status of a failed response of Spring's {@code WebClient}. A class of its own, loaded
 * only for such a failure, so that applications without {@code spring-webflux} never resolve its
 * types.
 */
final class WebClientStatus {
  static final String TYPE =
      "org.springframework.web.reactive.function.client.WebClientResponseException";

  private WebClientStatus() {}

  static int of(Throwable failure) {
    return ((WebClientResponseException) failure).getStatusCode().value();
  }
}
