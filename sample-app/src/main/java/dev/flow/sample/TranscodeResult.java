package dev.flow.sample;

import java.util.List;

/** The encoding {@link Transcode} settled on, and why it passed over the formats before it. */
public record TranscodeResult(String format, String url, List<String> rejected) {}
