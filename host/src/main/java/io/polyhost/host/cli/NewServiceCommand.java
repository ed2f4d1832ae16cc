package io.polyhost.host.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code polyhost new-service --lang java|js NAME}: writes a buildable service project with a
 * passing test, the starting point of the "first service" guides. The launcher installs the
 * Polyhost libraries the project depends on into the local Maven repository first.
 */
@Command(
    name = "new-service",
    mixinStandardHelpOptions = true,
    description = {
      "Creates a service project: a Java artifact (Maven, protobuf arguments) or a JavaScript"
          + " module, each with a test on an in-process chain (./mvnw verify)."
    })
final class NewServiceCommand implements Callable<Integer> {
  @Spec private @Nullable CommandSpec spec;

  @Option(
      names = "--lang",
      required = true,
      paramLabel = "java|js",
      description = "The language of the service: java or js.")
  private String language = "";

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Where to create the project (default: ./NAME); must not exist or be empty.")
  private @Nullable Path dir;

  @Parameters(paramLabel = "NAME", description = "The service's artifact name, e.g. hello.")
  private String name = "";

  @Override
  public Integer call() throws IOException {
    ServiceTemplate.Language lang =
        switch (language) {
          case "java" -> ServiceTemplate.Language.JAVA;
          case "js", "javascript" -> ServiceTemplate.Language.JS;
          default ->
              throw new IllegalArgumentException("--lang is java or js, not '" + language + "'");
        };
    // The launcher runs from the repository; paths the user typed are relative to where they were.
    Path base = Path.of(System.getProperty("polyhost.callerDir", ""));
    Path target = base.resolve(dir == null ? Path.of(name) : dir);
    Map<Path, String> files = new ServiceTemplate(lang, name).write(target);
    MavenWrapper.copy(Path.of(System.getProperty("polyhost.home", "")).toAbsolutePath(), target);
    PrintWriter out = spec().commandLine().getOut();
    out.println("Created " + target.toAbsolutePath().normalize() + ":");
    files.keySet().forEach(f -> out.println("  " + f));
    out.println("Next: cd " + target + " && ./mvnw verify   (see its README.md)");
    return 0;
  }

  private CommandSpec spec() {
    if (spec == null) {
      throw new IllegalStateException("picocli did not inject the command spec");
    }
    return spec;
  }
}
