package ${package};

import java.util.List;

/** What {@link SummaryPipeline} returns. */
public record Summary(String title, List<String> keywords, String text) {}
