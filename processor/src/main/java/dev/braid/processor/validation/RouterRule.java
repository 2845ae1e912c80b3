package dev.braid.processor.validation;

import dev.braid.processor.model.RouterModel;
import java.util.List;

/**
 * One rule a router must satisfy, the router's counterpart of {@link Validator}: it reports rather
 * than throws, so that every rule runs.
 */
interface RouterRule {

  /** The rule's findings on {@code router}, in source order; empty when it holds. */
  List<Finding> validate(RouterModel router);
}
