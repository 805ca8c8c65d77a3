package dev.flow.sample;

import dev.flow.annotations.Workflow;
import java.util.List;

/** Encodes a video to the first of several formats that works. */
@Workflow(version = "1.0", taskList = "video")
public interface Transcode {
  TranscodeResult transcode(String videoUrl, List<String> preferredFormats);
}
