package dev.braid.runtime;

import dev.braid.runtime.codegen.ClosestName;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * What each model costs, by model name, so that Braid can price every call. An unknown model is
 * an error before the call is made, never a silent zero: add its price with {@link #with}, or
 * declare it free with {@link #withFree}.
 *
 * <pre>{@code
 * PriceTable prices = PriceTable.defaults()
 *     .with("my-finetune", ModelPrice.dollarsPerMillion("0.30", "0.15", "1.20"))
 *     .withFree("llama3*");                  // every local llama3 model, such as llama3.1:8b
 * PipelineConfig config = PipelineConfig.builder().prices(prices).build();
 * }</pre>
 *
 * <p>A table file is a properties file, one model a line, in US dollars per million tokens: {@code
 * gpt-4o-mini = 0.15, 0.075, 0.60} (input, cached input, output), or {@code llama3* = free}. A
 * name that ends in {@code *} is a pattern for every model whose name starts with the rest. A
 * model's version, such as {@code gpt-4o-mini-2024-07-18} or {@code mistral-large-latest}, takes
 * its model's price unless the table names it; otherwise the longest matching pattern wins. As in
 * any properties file, a {@code :} or {@code =} in a name is written {@code \:} or {@code \=}:
 * {@code llama3.1\:8b = free}.
 *
 * <p>{@link #defaults()} also reads every {@value #APPLICATION} file at the root of the class
 * path, so that one line in an application's resources prices or frees a model under any
 * framework: {@code llama3* = free}. Immutable.
 */
public final class PriceTable {
  /** The file an application adds to its class path root to price or free its own models. */
  public static final String APPLICATION = "braid-prices.properties";
  private static final String BUNDLED = "prices.properties";
  private static final String FREE = "free";
  private static final PriceTable EMPTY = new PriceTable(Map.of());
  private static volatile PriceTable defaults;

  private final Map<String, ModelPrice> prices;

  private PriceTable(Map<String, ModelPrice> prices) {
    this.prices = Map.copyOf(prices);
  }

  /**
   * Braid's bundled table of the common hosted models of OpenAI, Anthropic, Google (Gemini) and
   * Mistral, at their list prices as of the date its file states, with the entries of every
   * {@value #APPLICATION} on the class path in place of its own.
   *
   * @throws IllegalArgumentException naming the file and line of a malformed entry
   */
  public static PriceTable defaults() {
    PriceTable table = defaults;
    if (table == null) {
      table = load(Objects.requireNonNull(PriceTable.class.getResource(BUNDLED), BUNDLED));
      for (URL file : applicationTables()) {
        table = table.with(load(file));
      }
      defaults = table;
    }
    return table;
  }

  private static List<URL> applicationTables() {
    ClassLoader loader = PriceTable.class.getClassLoader();
    try {
      return Collections.list(loader == null
          ? ClassLoader.getSystemResources(APPLICATION)
          : loader.getResources(APPLICATION));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot look for " + APPLICATION + " on the class path", e);
    }
  }

  /** A table that prices nothing. */
  public static PriceTable empty() {
    return EMPTY;
  }

  /**
   * Reads a table file.
   *
   * @throws IllegalArgumentException naming the file and line of a malformed entry
   * @throws UncheckedIOException if it cannot be read
   */
  public static PriceTable load(URL resource) {
    try (InputStream in = resource.openStream()) {
      return load(new InputStreamReader(in, StandardCharsets.UTF_8), resource.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read price table " + resource, e);
    }
  }

  /**
   * Reads a table from {@code reader}; {@code source} names it in errors.
   *
   * @throws IllegalArgumentException naming {@code source} and the malformed entry
   */
  public static PriceTable load(Reader reader, String source) {
    Properties entries = new Properties();
    try {
      entries.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read price table " + source, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Price table " + source + " is malformed: " + e.getMessage(), e);
    }
    Map<String, String> named = new LinkedHashMap<>();
    for (String model : entries.stringPropertyNames()) {
      named.put(model, entries.getProperty(model));
    }
    return of(named, source);
  }

  /**
   * A table of {@code entries}, each a model name (or a {@code *} pattern) and its price as a price
   * file writes it: {@code 0.15, 0.075, 0.60} or {@code free}. Frameworks read their properties
   * into it; {@code source} names them in errors, such as {@code braid.prices.models}.
   *
   * @throws IllegalArgumentException naming {@code source} and the malformed entry
   */
  public static PriceTable of(Map<String, String> entries, String source) {
    Map<String, ModelPrice> prices = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      String model = entry.getKey();
      String value = entry.getValue();
      try {
        PriceLookup.checkName(model);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Price table " + source + ": " + e.getMessage(), e);
      }
      if (value.strip().equals(FREE)) {
        prices.put(model, ModelPrice.FREE);
        continue;
      }
      String[] parts = value.split(",");
      if (parts.length != 3) {
        throw new IllegalArgumentException("Price table " + source + ": '" + model + " = " + value
            + "' needs three prices in dollars per million tokens: input, cached input, output;"
            + " or 'free'");
      }
      try {
        prices.put(model, ModelPrice.dollarsPerMillion(parts[0], parts[1], parts[2]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Price table " + source + ": '" + model + " = " + value + "': " + e.getMessage(), e);
      }
    }
    return new PriceTable(prices);
  }

  /**
   * This table with {@code model}'s price set to {@code price}, replacing any it had. A name that
   * ends in {@code *} prices every model whose name starts with the rest.
   *
   * @throws IllegalArgumentException if {@code model} is blank or has a {@code *} before its end
   */
  public PriceTable with(String model, ModelPrice price) {
    PriceLookup.checkName(Objects.requireNonNull(model, "model"));
    Objects.requireNonNull(price, "price");
    Map<String, ModelPrice> copy = new LinkedHashMap<>(prices);
    copy.put(model, price);
    return new PriceTable(copy);
  }

  /** This table with every entry of {@code overrides} replacing this one's. */
  public PriceTable with(PriceTable overrides) {
    Map<String, ModelPrice> copy = new LinkedHashMap<>(prices);
    copy.putAll(overrides.prices);
    return new PriceTable(copy);
  }

  /**
   * This table with {@code model} declared free, for a local or self-hosted model; {@code
   * withFree("llama3*")} frees every model whose name starts with {@code llama3}.
   *
   * @throws IllegalArgumentException if {@code model} is blank or has a {@code *} before its end
   */
  public PriceTable withFree(String model) {
    return with(model, ModelPrice.FREE);
  }

  /**
   * The price of {@code model}, of the model it is a version of, or of the longest pattern that
   * matches it; empty if none.
   */
  public Optional<ModelPrice> find(String model) {
    return Optional.ofNullable(PriceLookup.find(prices, model));
  }

  /**
   * The price of {@code model}.
   *
   * @throws IllegalArgumentException if the table has none, naming the closest model it knows and
   *     how to add a price or declare the model free
   */
  public ModelPrice price(String model) {
    String closest = ClosestName.of(model, prices.keySet());
    return find(model).orElseThrow(() -> new IllegalArgumentException("Model '" + model
        + "' has no price" + (closest == null ? "" : " (did you mean '" + closest + "'?)") + "; add one with PriceTable.defaults().with(\"" + model
        + "\", ModelPrice.dollarsPerMillion(input, cachedInput, output)), or declare it free with"
        + " .withFree(\"" + model + "\"), and give the table to PipelineConfig.prices; or add the"
        + " line '" + model + " = free' to " + APPLICATION + " in the application's resources"));
  }

  /** The models this table prices, by name. */
  public Map<String, ModelPrice> prices() {
    return prices;
  }

  @Override
  public String toString() {
    return "PriceTable" + prices.keySet();
  }
}
