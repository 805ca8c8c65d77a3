package dev.flow.processor;

import static dev.flow.processor.Compilations.source;

import javax.tools.JavaFileObject;

/** The process-video example of the design, with a few options, as test sources. */
final class VideoSources {
  private VideoSources() {}

  static final JavaFileObject MEDIA =
      source(
          "com.example.video.Media",
          "package com.example.video;",
          "",
          "import dev.flow.annotations.Activity;",
          "import dev.flow.annotations.ActivityOptions;",
          "import dev.flow.annotations.Idempotent;",
          "import dev.flow.annotations.Retry;",
          "import java.util.List;",
          "import java.util.Map;",
          "",
          "@Activity(version = \"1.0\", taskList = \"media\", scheduleToCloseTimeoutSeconds = 900)",
          "public interface Media {",
          "  String encodeVideo(String url, String format);",
          "",
          "  List<String> findChapters(String videoUrl);",
          "",
          "  @Idempotent",
          "  @Retry(maximumAttempts = 5, initialIntervalSeconds = 2, backoffCoefficient = 1.5,",
          "      maximumIntervalSeconds = 60, doNotRetry = IllegalArgumentException.class)",
          "  @ActivityOptions(taskList = \"gpu\", startToCloseTimeoutSeconds = 600,",
          "      heartbeatTimeoutSeconds = 30)",
          "  String extractThumbnail(String videoUrl, int second);",
          "",
          "  void publish(Map<String, List<Integer>> counts);",
          "}");

  static final JavaFileObject MEDIA_IMPL =
      source(
          "com.example.video.MediaImpl",
          "package com.example.video;",
          "",
          "import java.util.List;",
          "import java.util.Map;",
          "",
          "public final class MediaImpl implements Media {",
          "  public static Map<String, List<Integer>> published;",
          "",
          "  @Override",
          "  public String encodeVideo(String url, String format) {",
          "    return url + \".\" + format;",
          "  }",
          "",
          "  @Override",
          "  public List<String> findChapters(String videoUrl) {",
          "    return List.of(videoUrl + \"#1\", videoUrl + \"#2\");",
          "  }",
          "",
          "  @Override",
          "  public String extractThumbnail(String videoUrl, int second) {",
          "    return videoUrl + \"@\" + second;",
          "  }",
          "",
          "  @Override",
          "  public void publish(Map<String, List<Integer>> counts) {",
          "    published = counts;",
          "  }",
          "}");

  static final JavaFileObject VIDEO_RESULT =
      source(
          "com.example.video.VideoResult",
          "package com.example.video;",
          "",
          "import java.util.List;",
          "",
          "public record VideoResult(String webm, List<String> thumbnails) {}");

  static final JavaFileObject PROCESS_VIDEO =
      source(
          "com.example.video.ProcessVideo",
          "package com.example.video;",
          "",
          "import dev.flow.annotations.Signal;",
          "import dev.flow.annotations.Workflow;",
          "",
          "@Workflow(version = \"2.0\", taskList = \"video\", executionStartToCloseTimeoutSeconds ="
              + " 7200)",
          "public interface ProcessVideo {",
          "  VideoResult process(String videoUrl, String subtitleUrl);",
          "",
          "  @Signal",
          "  void addChapter(String chapter);",
          "",
          "  @Signal(name = \"pause\")",
          "  void hold();",
          "}");

  static final JavaFileObject PROCESS_VIDEO_IMPL =
      source(
          "com.example.video.ProcessVideoImpl",
          "package com.example.video;",
          "",
          "import java.util.ArrayList;",
          "import java.util.List;",
          "",
          "public final class ProcessVideoImpl implements ProcessVideo {",
          "  public static int instances;",
          "  private final MediaStub media;",
          "  private final List<String> chapters = new ArrayList<>();",
          "  private boolean held;",
          "",
          "  public ProcessVideoImpl(MediaStub media) {",
          "    this.media = media;",
          "    instances++;",
          "  }",
          "",
          "  @Override",
          "  public VideoResult process(String videoUrl, String subtitleUrl) {",
          "    List<String> all = new ArrayList<>(chapters);",
          "    all.add(held ? \"held\" : \"running\");",
          "    return new VideoResult(videoUrl + \"+\" + subtitleUrl, all);",
          "  }",
          "",
          "  @Override",
          "  public void addChapter(String chapter) {",
          "    chapters.add(chapter);",
          "  }",
          "",
          "  @Override",
          "  public void hold() {",
          "    held = true;",
          "  }",
          "}");

  static JavaFileObject[] all() {
    return new JavaFileObject[] {
      MEDIA, MEDIA_IMPL, VIDEO_RESULT, PROCESS_VIDEO, PROCESS_VIDEO_IMPL
    };
  }
}
