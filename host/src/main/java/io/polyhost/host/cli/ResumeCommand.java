package io.polyhost.host.cli;

import picocli.CommandLine.Command;

/** {@code polyhost resume NAME}: Resumes a stopped or frozen service. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = "Resumes a stopped or frozen service. Waits until it is active.")
final class ResumeCommand extends ServiceChangeCommand {
  @Override
  String changeKind() {
    return "resume_service";
  }

  @Override
  String targetStatus() {
    return "active";
  }
}
