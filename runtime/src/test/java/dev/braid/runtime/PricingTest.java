package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Prices: what a call costs, and how a model's price is found, overridden or reported missing. */
class PricingTest {

  @Test
  void pricesFreshCachedAndOutputTokensApartAndRoundsUpToAMicrocent() {
    ModelPrice price = ModelPrice.dollarsPerMillion("2.50", "1.25", "10.00");

    // 600 fresh at 250, 400 cached at 125, 500 output at 1000 microcents a token.
    assertThat(price.cost(1_000, 400, 500)).isEqualTo(600 * 250 + 400 * 125 + 500 * 1_000);
    // $0.075 per million is 7.5 microcents a token: one token costs 8, two cost 15.
    ModelPrice cheap = ModelPrice.dollarsPerMillion("0.075", "0", "0");
    assertThat(cheap.cost(1, 0, 0)).isEqualTo(8);
    assertThat(cheap.cost(2, 0, 0)).isEqualTo(15);
    assertThat(ModelPrice.FREE.cost(1_000_000, 0, 1_000_000)).isEqualTo(0);
  }

  @Test
  void theBundledTableKnowsCommonModelsAndTheirDatedSnapshots() {
    PriceTable prices = PriceTable.defaults();

    ModelPrice mini = prices.price("gpt-4o-mini");
    assertThat(mini).isEqualTo(ModelPrice.dollarsPerMillion("0.15", "0.075", "0.60"));
    assertThat(prices.price("gpt-4o-mini-2024-07-18")).isEqualTo(mini);
    assertThat(prices.find("claude-sonnet-4-20250514")).hasValue(prices.price("claude-sonnet-4"));
    assertThat(prices.find("gpt-4o-mini-audio")).isEmpty();
  }

  @Test
  void anUnknownModelIsAnErrorThatSaysHowToPriceItOrDeclareItFree() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PriceTable.defaults().price("gpt-4.1-mnii"));

    assertThat(e).hasMessageThat().isEqualTo("Model 'gpt-4.1-mnii' has no price (did you mean"
        + " 'gpt-4.1-mini'?); add one with PriceTable.defaults().with(\"gpt-4.1-mnii\","
        + " ModelPrice.dollarsPerMillion(input, cachedInput, output)), or declare it free with"
        + " .withFree(\"gpt-4.1-mnii\"), and give the table to PipelineConfig.prices");
  }

  @Test
  void entriesCanBeOverriddenOneByOneOrByAnotherTable() {
    ModelPrice negotiated = ModelPrice.dollarsPerMillion("0.10", "0.05", "0.40");
    PriceTable mine = PriceTable.load(new StringReader("""
        # our contract
        gpt-4o-mini = 0.10, 0.05, 0.40
        in-house = 1, 0.5, 2
        """), "contract.properties");

    PriceTable prices = PriceTable.defaults().with(mine).withFree("llama-local");

    assertThat(prices.price("gpt-4o-mini")).isEqualTo(negotiated);
    assertThat(prices.price("in-house")).isEqualTo(new ModelPrice(100_000_000, 50_000_000, 200_000_000));
    assertThat(prices.price("llama-local")).isEqualTo(ModelPrice.FREE);
    assertThat(prices.price("gpt-4o")).isEqualTo(PriceTable.defaults().price("gpt-4o"));
  }

  @Test
  void aMalformedEntryNamesItsFileAndWhatIsWrong() {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> PriceTable.load(new StringReader("cheap = 0.10, 0.40\n"), "prices.properties"));
    IllegalArgumentException garbled = assertThrows(IllegalArgumentException.class,
        () -> PriceTable.load(new StringReader("cheap = 0.10, free, 0.40\n"), "prices.properties"));

    assertThat(missing).hasMessageThat().isEqualTo("Price table prices.properties: 'cheap = 0.10,"
        + " 0.40' needs three prices in dollars per million tokens: input, cached input, output");
    assertThat(garbled).hasMessageThat().isEqualTo("Price table prices.properties: 'cheap = 0.10,"
        + " free, 0.40': ' free' is not a dollar amount; write it like 2.50");
  }
}
