package dev.braid.runtime;

import dev.braid.runtime.internal.StepNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * What each model costs, by model name, so that Braid can price every call. An unknown model is
 * an error before the call is made, never a silent zero: add its price with {@link #with}, or
 * declare it free with {@link #withFree}.
 *
 * <pre>{@code
 * PriceTable prices = PriceTable.defaults()
 *     .with("my-finetune", ModelPrice.dollarsPerMillion("0.30", "0.15", "1.20"))
 *     .withFree("llama-3-local");
 * PipelineConfig config = PipelineConfig.builder().prices(prices).build();
 * }</pre>
 *
 * <p>A table file is a properties file, one model a line, in US dollars per million tokens: {@code
 * gpt-4o-mini = 0.15, 0.075, 0.60} (input, cached input, output). A name with a date suffix, such
 * as {@code gpt-4o-mini-2024-07-18}, takes its model's price unless the table names it. Immutable.
 */
public final class PriceTable {
  private static final String BUNDLED = "prices.properties";
  private static final Pattern DATE_SUFFIX = Pattern.compile("-\\d{4}(-?\\d{2}){2}$");
  private static final PriceTable EMPTY = new PriceTable(Map.of());
  private static volatile PriceTable defaults;

  private final Map<String, ModelPrice> prices;

  private PriceTable(Map<String, ModelPrice> prices) {
    this.prices = Map.copyOf(prices);
  }

  /** Braid's bundled table of common hosted models, as published in 2025. */
  public static PriceTable defaults() {
    PriceTable table = defaults;
    if (table == null) {
      table = load(Objects.requireNonNull(PriceTable.class.getResource(BUNDLED), BUNDLED));
      defaults = table;
    }
    return table;
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
    Map<String, ModelPrice> prices = new LinkedHashMap<>();
    for (String model : entries.stringPropertyNames()) {
      String value = entries.getProperty(model);
      String[] parts = value.split(",");
      if (parts.length != 3) {
        throw new IllegalArgumentException("Price table " + source + ": '" + model + " = " + value
            + "' needs three prices in dollars per million tokens: input, cached input, output");
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

  /** This table with {@code model}'s price set to {@code price}, replacing any it had. */
  public PriceTable with(String model, ModelPrice price) {
    Objects.requireNonNull(model, "model");
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

  /** This table with {@code model} declared free, for a local or self-hosted model. */
  public PriceTable withFree(String model) {
    return with(model, ModelPrice.FREE);
  }

  /** The price of {@code model}, or of the model it is a dated snapshot of; empty if unknown. */
  public Optional<ModelPrice> find(String model) {
    ModelPrice price = prices.get(model);
    if (price == null) {
      String undated = DATE_SUFFIX.matcher(model).replaceFirst("");
      price = prices.get(undated);
    }
    return Optional.ofNullable(price);
  }

  /**
   * The price of {@code model}.
   *
   * @throws IllegalArgumentException if the table has none, naming the closest model it knows and
   *     how to add a price or declare the model free
   */
  public ModelPrice price(String model) {
    String closest = StepNames.closest(model, prices.keySet());
    return find(model).orElseThrow(() -> new IllegalArgumentException("Model '" + model
        + "' has no price" + (closest == null ? "" : " (did you mean '" + closest + "'?)") + "; add one with PriceTable.defaults().with(\"" + model
        + "\", ModelPrice.dollarsPerMillion(input, cachedInput, output)), or declare it free with"
        + " .withFree(\"" + model + "\"), and give the table to PipelineConfig.prices"));
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
