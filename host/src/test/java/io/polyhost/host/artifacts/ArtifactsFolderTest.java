package io.polyhost.host.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.polyhost.api.runtime.ArtifactId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactsFolderTest {
  static final String MODULE =
      "export const artifact = { name: \"ping\", version: \"1.2.3\" };\n"
          + "export const service = { transactions: {} };\n";

  @TempDir Path dir;

  @Test
  void a_file_still_changing_is_listed_only_once_it_settles() throws Exception {
    try (ArtifactsFolder folder =
        ArtifactsFolder.watch(dir, Duration.ofMillis(400), Duration.ofSeconds(10))) {
      Files.writeString(dir.resolve("ping.mjs"), MODULE);
      folder.rescan();
      assertThat(folder.list()).isEmpty();
      AvailableArtifact listed = awaitListed(folder, "ping.mjs");
      assertThat(listed.artifact()).contains(ArtifactId.parse("2:ping:1.2.3"));
      assertThat(listed.problem()).isEmpty();
    }
  }

  @Test
  void an_atomically_renamed_old_file_appears_at_the_next_scan() throws Exception {
    try (ArtifactsFolder folder =
        ArtifactsFolder.watch(dir, Duration.ofMillis(400), Duration.ofSeconds(10))) {
      Path temp = dir.resolve(".ping.mjs.tmp");
      Files.writeString(temp, MODULE);
      Files.setLastModifiedTime(temp, FileTime.from(Instant.now().minusSeconds(60)));
      folder.rescan();
      assertThat(folder.list()).isEmpty(); // hidden and temporary files are never listed
      Files.move(temp, dir.resolve("ping.mjs"), StandardCopyOption.ATOMIC_MOVE);
      folder.rescan();
      assertThat(folder.list()).extracting(AvailableArtifact::file).containsExactly("ping.mjs");
    }
  }

  @Test
  void a_deleted_file_leaves_the_list_and_listeners_hear_of_new_ones() throws Exception {
    try (ArtifactsFolder folder =
        ArtifactsFolder.watch(dir, Duration.ZERO, Duration.ofSeconds(10))) {
      List<AvailableArtifact> heard = new CopyOnWriteArrayList<>();
      folder.onNewArtifact(heard::add);
      Files.writeString(dir.resolve("ping.mjs"), MODULE);
      folder.rescan();
      assertThat(heard).extracting(AvailableArtifact::file).contains("ping.mjs");
      assertThat(folder.find(ArtifactId.parse("2:ping:1.2.3"))).isPresent();
      Files.delete(dir.resolve("ping.mjs"));
      folder.rescan();
      assertThat(folder.list()).isEmpty();
    }
  }

  @Test
  void unusable_files_say_why() throws Exception {
    try (ArtifactsFolder folder =
        ArtifactsFolder.watch(dir, Duration.ZERO, Duration.ofSeconds(10))) {
      Files.write(dir.resolve("fake.jar"), new byte[] {1, 2, 3});
      Files.writeString(dir.resolve("noversion.mjs"), "export const artifact = { name: \"x\" };");
      Files.writeString(
          dir.resolve("badversion.mjs"),
          "export const artifact = { name: \"x\", version: \"one\" };");
      folder.rescan();
      assertThat(folder.list())
          .extracting(a -> a.file() + ": " + a.problem().orElse(""))
          .anySatisfy(s -> assertThat(s).startsWith("fake.jar: ").contains("not a valid JAR"))
          .anySatisfy(s -> assertThat(s).startsWith("noversion.mjs: ").contains("version"))
          .anySatisfy(s -> assertThat(s).startsWith("badversion.mjs: ").contains("one"));
    }
  }

  @Test
  void a_zipped_bundle_is_an_artifact_and_a_js_file_is_told_to_be_renamed() throws Exception {
    try (ArtifactsFolder folder =
        ArtifactsFolder.watch(dir, Duration.ZERO, Duration.ofSeconds(10))) {
      try (var zip =
          new java.util.zip.ZipOutputStream(Files.newOutputStream(dir.resolve("zb.zip")))) {
        zip.putNextEntry(new java.util.zip.ZipEntry("polyhost-bundle.json"));
        zip.write(
            "{\"name\": \"zb\", \"version\": \"1.0.0\", \"main\": \"index.mjs\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        zip.putNextEntry(new java.util.zip.ZipEntry("index.mjs"));
        zip.write(MODULE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      Files.writeString(dir.resolve("plain.js"), MODULE);
      folder.rescan();
      assertThat(folder.find(ArtifactId.parse("2:zb:1.0.0"))).isPresent();
      assertThat(folder.list())
          .filteredOn(a -> a.file().equals("plain.js"))
          .singleElement()
          .satisfies(a -> assertThat(a.problem().orElseThrow()).contains("rename"));
    }
  }

  private static AvailableArtifact awaitListed(ArtifactsFolder folder, String file)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      for (AvailableArtifact artifact : folder.list()) {
        if (artifact.file().equals(file)) {
          return artifact;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError(file + " was never listed");
  }
}
