package ${package};

import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.PriceTable;

/** Summarizes a document and prints the summary, the run's timeline and what its calls cost. */
public final class App {
  private App() {}

  public static void main(String[] args) {
    String document = args.length > 0 ? String.join(" ", args) : """
        Braid pipelines
        Pipelines declare their steps and dependencies; the compiler checks them.
        """;
    PipelineResult<Summary> result = executor(new LocalModel()).execute(document);
    System.out.println(result.output().text());
    System.out.println(result.timeline());
    System.out.println(result.usageTable());
  }

  /** The executor of the pipeline, with {@code model} and the prices of its calls. */
  static SummaryPipelineExecutor executor(LocalModel model) {
    return new SummaryPipelineExecutor(new SummaryPipeline(model),
        PipelineConfig.builder().prices(prices()).build());
  }

  /**
   * Braid's bundled prices of hosted models, with the local model declared free. A model the table
   * does not know fails its first call rather than costing a silent zero.
   */
  static PriceTable prices() {
    return PriceTable.defaults().withFree(LocalModel.NAME);
  }
}
