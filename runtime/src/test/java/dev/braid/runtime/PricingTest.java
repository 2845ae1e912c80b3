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
  void theBundledTableCoversOpenAiAnthropicGeminiAndMistralUnderTheNamesTheirApisTake() {
    PriceTable prices = PriceTable.defaults();

    assertThat(prices.price("gpt-5-mini")).isEqualTo(ModelPrice.dollarsPerMillion("0.25", "0.025", "2.00"));
    assertThat(prices.price("claude-3-5-haiku-latest")).isEqualTo(prices.price("claude-3-5-haiku"));
    assertThat(prices.price("claude-haiku-4-5-20251001")).isEqualTo(prices.price("claude-haiku-4-5"));
    assertThat(prices.price("gemini-2.0-flash-001")).isEqualTo(prices.price("gemini-2.0-flash"));
    assertThat(prices.price("gemini-2.5-flash-lite"))
        .isEqualTo(ModelPrice.dollarsPerMillion("0.10", "0.01", "0.40"));
    assertThat(prices.price("mistral-large-latest")).isEqualTo(prices.price("mistral-large-2411"));
    assertThat(prices.price("mistral-small-latest"))
        .isEqualTo(ModelPrice.dollarsPerMillion("0.10", "0.10", "0.30"));
    assertThat(prices.find("mistral-large-vision")).isEmpty();
  }

  @Test
  void aPatternFreesEveryLocalModelThatStartsWithItAndTheLongestPatternWins() {
    PriceTable prices = PriceTable.empty()
        .withFree("llama3*")
        .with("llama3.1-hosted*", ModelPrice.dollarsPerMillion("0.20", "0.20", "0.20"));

    assertThat(prices.price("llama3.1:8b")).isEqualTo(ModelPrice.FREE);
    assertThat(prices.price("llama3")).isEqualTo(ModelPrice.FREE);
    assertThat(prices.price("llama3.1-hosted-70b"))
        .isEqualTo(ModelPrice.dollarsPerMillion("0.20", "0.20", "0.20"));
    assertThat(prices.find("llama2:7b")).isEmpty();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> prices.withFree("llama*:8b"));
    assertThat(e).hasMessageThat().isEqualTo("'llama*:8b' is not a model name or pattern; write"
        + " the model's name (llama3.1:8b), or the start of it followed by * (llama3*)");
  }

  @Test
  void aTableFileDeclaresAModelFreeWithOneWord() {
    PriceTable prices = PriceTable.load(new StringReader("""
        qwen2.5* = free
        vllm-deployment = free
        mistral\\:7b = free
        """), "local.properties");

    assertThat(prices.price("qwen2.5:14b")).isEqualTo(ModelPrice.FREE);
    assertThat(prices.price("vllm-deployment")).isEqualTo(ModelPrice.FREE);
    assertThat(prices.price("mistral:7b")).isEqualTo(ModelPrice.FREE);
  }

  @Test
  void theDefaultsTakeTheApplicationsOwnTableFromTheClassPath() {
    // src/test/resources/braid-prices.properties: team-local* = free, and a fine-tune's price.
    PriceTable prices = PriceTable.defaults();

    assertThat(prices.price("team-local-coder:7b")).isEqualTo(ModelPrice.FREE);
    assertThat(prices.price("gpt-4o-mini-finetune"))
        .isEqualTo(ModelPrice.dollarsPerMillion("0.30", "0.15", "1.20"));
    assertThat(prices.price("gpt-4o-mini")).isEqualTo(ModelPrice.dollarsPerMillion("0.15", "0.075", "0.60"));
    assertThat(prices.find("team-remote")).isEmpty();
  }

  @Test
  void anUnknownModelIsAnErrorThatSaysHowToPriceItOrDeclareItFree() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PriceTable.defaults().price("gpt-4.1-mnii"));

    assertThat(e).hasMessageThat().isEqualTo("Model 'gpt-4.1-mnii' has no price (did you mean"
        + " 'gpt-4.1-mini'?); add one with PriceTable.defaults().with(\"gpt-4.1-mnii\","
        + " ModelPrice.dollarsPerMillion(input, cachedInput, output)), or declare it free with"
        + " .withFree(\"gpt-4.1-mnii\"), and give the table to PipelineConfig.prices; or add the"
        + " line 'gpt-4.1-mnii = free' to braid-prices.properties in the application's resources");
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
        + " 0.40' needs three prices in dollars per million tokens: input, cached input, output;"
        + " or 'free'");
    assertThat(garbled).hasMessageThat().isEqualTo("Price table prices.properties: 'cheap = 0.10,"
        + " free, 0.40': ' free' is not a dollar amount; write it as \"$0.10\", \"0.10\" or"
        + " \"12\", with at most 8 decimals (one microcent)");
  }
}
