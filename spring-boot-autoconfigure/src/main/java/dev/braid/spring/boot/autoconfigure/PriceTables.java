package dev.braid.spring.boot.autoconfigure;

import dev.braid.runtime.ModelPrice;
import dev.braid.runtime.PriceTable;
import dev.braid.spring.boot.autoconfigure.BraidProperties.PriceProperties;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/** Builds the price table {@code braid.prices} describes, naming the property of a bad entry. */
final class PriceTables {
  private static final String PREFIX = BraidProperties.PREFIX + ".prices.";

  private PriceTables() {}

  static PriceTable from(PriceProperties properties, ResourceLoader resources) {
    PriceTable table = PriceTable.defaults();
    if (properties.file() != null) {
      table = table.with(load(properties.file(), resources));
    }
    for (Map.Entry<String, String> model : properties.models().entrySet()) {
      table = table.with(model.getKey(), price(model.getKey(), model.getValue()));
    }
    return table;
  }

  private static PriceTable load(String location, ResourceLoader resources) {
    Resource resource = resources.getResource(location);
    if (!resource.exists()) {
      throw new InvalidBraidPropertyException(PREFIX + "file", "names " + location
          + ", which does not exist", "point it at a price table file, such as"
          + " classpath:prices.properties or file:/etc/app/prices.properties, or remove it");
    }
    try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
      return PriceTable.load(reader, location);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the price table " + location + " named by "
          + PREFIX + "file", e);
    } catch (IllegalArgumentException e) {
      throw new InvalidBraidPropertyException(PREFIX + "file", "names a malformed price table ("
          + e.getMessage() + ")", "write one model a line in US dollars per million tokens,"
          + " such as gpt-4o-mini = 0.15, 0.075, 0.60", e);
    }
  }

  private static ModelPrice price(String model, String value) {
    String property = PREFIX + "models." + model;
    if (value.strip().toLowerCase(Locale.ROOT).equals("free")) {
      return ModelPrice.FREE;
    }
    String[] parts = value.split(",");
    String fix = "write three prices in US dollars per million tokens, input, cached input and"
        + " output, such as 0.15, 0.075, 0.60; or free for a local model";
    if (parts.length != 3) {
      throw new InvalidBraidPropertyException(property, "is '" + value + "'", fix);
    }
    try {
      return ModelPrice.dollarsPerMillion(parts[0].strip(), parts[1].strip(), parts[2].strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidBraidPropertyException(property,
          "is '" + value + "' (" + e.getMessage() + ")", fix, e);
    }
  }
}
