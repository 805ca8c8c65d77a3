package dev.flow.sample;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The sample's input files, for tests in other packages ({@code SampleMain.Inputs} is not public).
 */
public final class SampleInputs {
  private SampleInputs() {}

  /** Writes the sample video and subtitles into {@code dir}; their URLs, video first. */
  public static String[] write(Path dir) throws IOException {
    SampleMain.Inputs inputs = SampleMain.Inputs.write(dir);
    return new String[] {inputs.video(), inputs.subtitles()};
  }
}
