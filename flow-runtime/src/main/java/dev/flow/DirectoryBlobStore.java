package dev.flow;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** {@link BlobStore#directory}: content-addressed files, written through a temporary file. */
final class DirectoryBlobStore implements BlobStore {
  private final Path directory;

  DirectoryBlobStore(Path directory) {
    this.directory = directory.toAbsolutePath();
  }

  @Override
  public String put(byte[] bytes) {
    String hex = Blobs.sha256(bytes);
    Path target = directory.resolve(hex);
    if (Files.isRegularFile(target)) {
      return Blobs.KEY_PREFIX + hex; // content-addressed: already there
    }
    Path temporary = null;
    try {
      Files.createDirectories(directory);
      temporary = Files.createTempFile(directory, ".put-", ".tmp");
      Files.write(temporary, bytes);
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
      temporary = null;
    } catch (FileAlreadyExistsException e) {
      // another writer stored the same content first
    } catch (IOException e) {
      throw new FlowException(
          "cannot store a blob of " + bytes.length + " bytes in " + directory + ": " + e, e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // a leftover temporary file is harmless
        }
      }
    }
    return Blobs.KEY_PREFIX + hex;
  }

  @Override
  public byte[] get(String key) {
    String hex = Blobs.hexOf(key);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(directory.resolve(hex));
    } catch (NoSuchFileException e) {
      throw new FlowException(
          "no blob "
              + key
              + " in "
              + directory
              + ": every client and worker of the domain must use the same blob store");
    } catch (IOException e) {
      throw new FlowException("cannot read blob " + key + " from " + directory + ": " + e, e);
    }
    if (!Blobs.sha256(bytes).equals(hex)) {
      throw new FlowException(
          "blob " + key + " in " + directory + " is corrupt: its content has another SHA-256");
    }
    return bytes;
  }

  @Override
  public String toString() {
    return "BlobStore.directory(" + directory + ")";
  }
}
