package dev.flow.sample;

import java.util.List;

/** What {@link ProcessVideo} produces: the encodings, one thumbnail per chapter, and the ads. */
public record VideoResult(String webm, String mpeg4, List<String> thumbnails, List<String> ads) {}
