package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryPipelineTest {

  @Test
  void summarizesWithTheTitleAndKeywords() {
    PipelineResult<Summary> result = App.executor(new LocalModel())
        .execute("Quarterly report\nRevenue increased because shipments doubled.");

    Summary summary = result.output();
    assertEquals("Quarterly report", summary.title());
    assertEquals(List.of("quarterly", "revenue", "increased"), summary.keywords());
    assertTrue(summary.text().contains("'Quarterly report'"), summary.text());
    assertEquals(StepStatus.SUCCEEDED, result.step("summarize").status());
    assertEquals(1, result.usage().calls());
    assertEquals(0, result.usage().costMicrocents());
  }
}
