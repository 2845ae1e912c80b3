package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {
  private static final String FORMS = "write it as \"$0.10\", \"0.10\" or \"12\", with at most 8"
      + " decimals (one microcent)";

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "$0.10       | 10000000",
      "0.10        | 10000000",
      "' $0.10 '   | 10000000",
      "12          | 1200000000",
      "$1          | 100000000",
      "0.00000001  | 1",
      "$0.000125   | 12500",
      "0           | 0",
      "92233720368.54775807 | 9223372036854775807",
  })
  void parsesDollarsExactlyIntoBraidMicrocents(String text, long microcents) {
    assertThat(Money.dollars(text).toMicrocents()).isEqualTo(microcents);
  }

  @Test
  void aDollarIsAHundredMillionBraidMicrocentsNotAMillion() {
    assertThat(Money.dollars("$1").toMicrocents()).isEqualTo(Microcents.DOLLAR);
    assertThat(Money.dollars("$0.10").toMicrocents()).isEqualTo(10 * Microcents.CENT);
    assertThat(Money.dollars("$0.10").toMicrocents()).isNotEqualTo(100_000);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ten", "1e-2", "1,000", "$", ".5", "5.", "$-1", "0x10", "1.2.3", "''", "10c", "USD 1",
  })
  void rejectsWhatIsNotADollarAmountNamingItAndTheForms(String text) {
    assertThat(assertThrows(IllegalArgumentException.class, () -> Money.dollars(text)))
        .hasMessageThat().isEqualTo("'" + text + "' is not a dollar amount; " + FORMS);
  }

  @Test
  void rejectsNegativeFinerThanAMicrocentAndTooLargeAmounts() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> Money.dollars("-0.10")))
        .hasMessageThat()
        .isEqualTo("Dollar amount '-0.10' is negative; a cost budget must be zero or more");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Money.dollars("0.123456789")))
        .hasMessageThat().isEqualTo("Dollar amount '0.123456789' has 9 decimals, finer than a"
            + " microcent (a hundred-millionth of a dollar); " + FORMS);
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> Money.dollars("92233720368.54775808"))).hasMessageThat().isEqualTo(
            "Dollar amount '92233720368.54775808' is too large: at most $92233720368.54775807"
                + " fits");
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> Money.dollars("99999999999999999999999"))).hasMessageThat().startsWith(
            "Dollar amount '99999999999999999999999' is too large");
    assertThat(assertThrows(IllegalArgumentException.class, () -> Money.microcents(-1)))
        .hasMessageThat().isEqualTo("An amount of money must not be negative, was -1 microcents");
  }

  @Test
  void isAValueThatPrintsAsDollars() {
    assertThat(Money.dollars("0.1")).isEqualTo(Money.dollars("$0.10"));
    assertThat(Money.dollars("0.1").hashCode()).isEqualTo(Money.microcents(10_000_000).hashCode());
    assertThat(Money.dollars("0.1")).isLessThan(Money.dollars("0.11"));
    assertThat(Money.dollars("0.10").toString()).isEqualTo("$0.10");
    assertThat(Money.dollars("0.000125").toString()).isEqualTo("$0.000125");
    assertThat(Money.microcents(0)).isSameInstanceAs(Money.ZERO);
  }

  @Test
  void everyBuilderThatTakesACostBudgetTakesMoney() {
    Money dime = Money.dollars("$0.10");
    long microcents = 10 * Microcents.CENT;
    assertThat(RunOptions.builder().costBudget(dime).build().costBudget()).hasValue(microcents);
    assertThat(PipelineConfig.builder().costBudget(dime).build().costBudget()).hasValue(microcents);
    assertThat(StepConfig.builder().costBudget(dime).build().costBudget()).hasValue(microcents);
    assertThat(CallOptions.builder().costBudget(dime).build().costBudget()).isEqualTo(microcents);
  }
}
