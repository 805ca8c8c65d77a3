package dev.flow.sample;

import dev.flow.annotations.Workflow;

/** Embeds subtitles, encodes twice, extracts a thumbnail per chapter and targets ads. */
@Workflow(version = "1.0", taskList = "video")
public interface ProcessVideo {
  VideoResult process(String videoUrl, String subtitleUrl);
}
