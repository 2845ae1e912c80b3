package dev.braid.spring.boot.autoconfigure;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code braid.console.*} properties of the Braid console mounted under {@code /braid}.
 *
 * @param enabled false to leave the console out of the application
 * @param actionsEnabled true to allow answering and cancelling runs, by callers the application
 *     authenticated (Spring Security's principal) or that send {@code token}
 * @param token what a caller the application did not authenticate must send to act, at least 16
 *     characters; none by default
 * @param redact field names whose values the console hides
 * @param allowRemote true to answer callers from other hosts; only loopback callers by default
 */
@ConfigurationProperties(ConsoleProperties.PREFIX)
record ConsoleProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("false") boolean actionsEnabled,
    @Nullable String token,
    @DefaultValue List<String> redact,
    @DefaultValue("false") boolean allowRemote) {

  static final String PREFIX = "braid.console";

  /** Leaves the token out, so that logging the properties does not leak it. */
  @Override
  public String toString() {
    return "ConsoleProperties[enabled=" + enabled + ", actionsEnabled=" + actionsEnabled
        + ", token=" + (token == null ? null : "****") + ", redact=" + redact + ", allowRemote="
        + allowRemote + "]";
  }
}
