package io.polyhost.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.polyhost.api.crypto.KeyPair;
import io.polyhost.api.message.SignedMessage;
import io.polyhost.api.proto.AnyTxProto;
import io.polyhost.api.proto.CallInfoProto;
import io.polyhost.host.blockchain.CoreSchema;
import io.polyhost.host.config.NodeHome;
import io.polyhost.storage.Fork;
import io.polyhost.storage.RocksDbDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MaintenanceCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void clearPoolRemovesTheSavedTransactions() {
    try (RocksDbDatabase db = RocksDbDatabase.open(NodeHome.databaseDir(dir));
        Fork fork = db.fork()) {
      var pool = CoreSchema.over(fork).pool();
      for (int i = 0; i < 3; i++) {
        pool.add(
            SignedMessage.sign(
                KeyPair.generate(),
                AnyTxProto.newBuilder()
                    .setCallInfo(CallInfoProto.newBuilder().setInstanceId(1).setMethodId(i))
                    .setArguments(ByteString.EMPTY)
                    .build()));
      }
      db.merge(fork.intoPatch());
    }
    assertThat(run("maintenance", "clear-pool", "--data-dir", dir.toString())).isZero();
    assertThat(out.toString()).contains("Removed 3 saved pool transactions");
    try (RocksDbDatabase db = RocksDbDatabase.open(NodeHome.databaseDir(dir))) {
      assertThat(CoreSchema.over(db.snapshot()).pool().size()).isZero();
    }
  }

  @Test
  void aRunningNodesDatabaseIsNotTouched() {
    try (RocksDbDatabase running = RocksDbDatabase.open(NodeHome.databaseDir(dir))) {
      assertThat(run("maintenance", "clear-pool", "--data-dir", dir.toString())).isEqualTo(2);
      assertThat(err.toString()).contains("is the node still running? Stop it first");
    }
  }

  @Test
  void aFolderWithoutDatabaseIsNamed() {
    Path empty = dir.resolve("empty");
    assertThat(run("maintenance", "clear-pool", "--data-dir", empty.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("There is no database in " + empty.resolve("db"));
  }

  @Test
  void restartMigrationSaysWhenThereIsNothingToRestart() {
    RocksDbDatabase.open(NodeHome.databaseDir(dir)).close();
    int code =
        run(
            "maintenance",
            "restart-migration",
            "--data-dir",
            dir.toString(),
            "--service",
            "wallet");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("no migration result for service 'wallet'");
  }

  @Test
  void maintenanceAloneShowsItsCommands() {
    assertThat(run("maintenance")).isEqualTo(2);
    assertThat(err.toString()).contains("clear-pool").contains("restart-migration");
  }

  private int run(String... args) {
    CommandLine commandLine = PolyhostCommand.commandLine(node -> node.close(), java.util.Map.of());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
