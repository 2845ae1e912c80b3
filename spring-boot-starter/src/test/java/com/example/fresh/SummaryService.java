package com.example.fresh;

import org.springframework.stereotype.Service;

/** The application's own code, injected with the generated executor. */
@Service
class SummaryService {
  private final SummaryPipelineExecutor summaries;

  SummaryService(SummaryPipelineExecutor summaries) {
    this.summaries = summaries;
  }

  String summarize(String text) {
    return summaries.execute(text).output();
  }
}
