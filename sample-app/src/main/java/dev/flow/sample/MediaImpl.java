package dev.flow.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Small but real media work on text "videos": a video is a text file whose lines starting with
 * {@code #chapter} open a chapter; subtitles are plain text. Results are files in {@code workDir}.
 */
@SuppressWarnings("flow-manifest") // needs its work directory: SampleMain registers it by hand
public final class MediaImpl implements Media {
  static final List<String> FORMATS = List.of("webm", "mpeg4", "gif");

  private static final Map<String, String> ADS =
      new TreeMap<>(
          Map.of(
              "ocean", "Scuba gear, 20% off",
              "mountain", "Hiking boots",
              "city", "Metro day pass",
              "coffee", "Espresso machine",
              "night", "Headlamp"));

  private final Path workDir;

  public MediaImpl(Path workDir) {
    this.workDir = workDir;
  }

  @Override
  public String embedSubtitle(String videoUrl, String subtitleUrl) {
    List<String> video = readLines(videoUrl);
    List<String> subtitles = readLines(subtitleUrl);
    List<String> out = new ArrayList<>(video.size() + subtitles.size());
    int s = 0;
    for (String line : video) {
      out.add(line);
      if (!line.startsWith("#") && s < subtitles.size()) {
        out.add("  [sub] " + subtitles.get(s++));
      }
    }
    return write(baseName(videoUrl) + "-subtitled.txt", String.join("\n", out));
  }

  @Override
  public String encodeVideo(String url, String format) {
    if (!FORMATS.contains(format)) {
      throw new UnsupportedFormatException(format);
    }
    byte[] content = readBytes(url);
    CRC32 crc = new CRC32();
    crc.update(content);
    String header =
        String.format(
            Locale.ROOT,
            "FLOW-%s %d bytes crc32=%08x%n",
            format.toUpperCase(Locale.ROOT),
            content.length,
            crc.getValue());
    return write(
        baseName(url) + "." + format, header + new String(content, StandardCharsets.UTF_8));
  }

  @Override
  public List<String> findChapters(String videoUrl) {
    List<String> chapters = new ArrayList<>();
    for (String line : readLines(videoUrl)) {
      if (line.startsWith("#chapter ")) {
        chapters.add(line.substring("#chapter ".length()).trim());
      }
    }
    return chapters;
  }

  @Override
  public String extractThumbnail(String videoUrl, String chapter) {
    List<String> lines = readLines(videoUrl);
    int start = lines.indexOf("#chapter " + chapter);
    if (start < 0) {
      throw new IllegalArgumentException("no chapter '" + chapter + "' in " + videoUrl);
    }
    String frame = start + 1 < lines.size() ? lines.get(start + 1) : "";
    String slug = chapter.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return write(baseName(videoUrl) + "-thumb-" + slug + ".txt", "[" + chapter + "] " + frame);
  }

  @Override
  public List<String> targetAds(String subtitleUrl) {
    String text = String.join(" ", readLines(subtitleUrl)).toLowerCase(Locale.ROOT);
    List<String> ads = new ArrayList<>();
    ADS.forEach(
        (word, ad) -> {
          if (text.contains(word)) {
            ads.add(ad);
          }
        });
    return ads;
  }

  private String write(String name, String content) {
    try {
      Path file = workDir.resolve(name);
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return file.toUri().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> readLines(String url) {
    return List.of(new String(readBytes(url), StandardCharsets.UTF_8).split("\n"));
  }

  private static byte[] readBytes(String url) {
    try {
      return Files.readAllBytes(Path.of(URI.create(url)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + url, e);
    }
  }

  private static String baseName(String url) {
    String name = Path.of(URI.create(url)).getFileName().toString();
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }
}
