package io.polyhost.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import io.polyhost.api.proto.ServiceInterfaceProto;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** JSON arguments through a published interface, as a node serves it. */
class PublishedInterfaceTest {
  private static final FileDescriptorProto COMMON =
      FileDescriptorProto.newBuilder()
          .setName("common.proto")
          .setPackage("common")
          .setSyntax("proto3")
          .addMessageType(
              DescriptorProto.newBuilder()
                  .setName("Account")
                  .addField(field("owner", 1, Type.TYPE_STRING)))
          .build();

  private static final FileDescriptorProto BANK =
      FileDescriptorProto.newBuilder()
          .setName("bank.proto")
          .setPackage("bank")
          .setSyntax("proto3")
          .addDependency("common.proto")
          .addMessageType(
              DescriptorProto.newBuilder()
                  .setName("Transfer")
                  .addField(
                      field("to", 1, Type.TYPE_MESSAGE).toBuilder().setTypeName(".common.Account"))
                  .addField(field("amount", 2, Type.TYPE_UINT64))
                  .addField(field("memo", 3, Type.TYPE_BYTES))
                  .addField(
                      field("tags", 4, Type.TYPE_STRING).toBuilder()
                          .setLabel(Label.LABEL_REPEATED)))
          .build();

  private static FieldDescriptorProto field(String name, int number, Type type) {
    return FieldDescriptorProto.newBuilder()
        .setName(name)
        .setNumber(number)
        .setType(type)
        .setLabel(Label.LABEL_OPTIONAL)
        .setJsonName(name)
        .build();
  }

  private static ServiceInterfaceProto proto(FileDescriptorSet types) {
    return ServiceInterfaceProto.newBuilder()
        .addMethods(
            ServiceInterfaceProto.MethodProto.newBuilder()
                .setId(0)
                .setName("transfer")
                .setArgumentType("bank.Transfer"))
        .addMethods(ServiceInterfaceProto.MethodProto.newBuilder().setId(3).setName("note"))
        .addRemovedIds(1)
        .setArgumentTypes(types)
        .build();
  }

  private static PublishedInterface bank() throws Exception {
    // Through the JSON a node serves, with the proto's field names.
    String json =
        JsonFormat.printer()
            .preservingProtoFieldNames()
            .print(proto(FileDescriptorSet.newBuilder().addFile(COMMON).addFile(BANK).build()));
    return PublishedInterface.fromJson("bank", NodeHttp.JSON.readTree(json));
  }

  @Test
  void jsonArgumentsBecomeTheProtobufMessage() throws Exception {
    PublishedInterface bank = bank();
    PublishedInterface.Method transfer = bank.method("transfer");
    byte[] bytes =
        bank.encodeArguments(
            transfer,
            "{\"to\": {\"owner\": \"bob\"}, \"amount\": \"18446744073709551615\","
                + " \"memo\": \"AQI=\", \"tags\": [\"a\", \"b\"]}");
    DynamicMessage decoded = DynamicMessage.parseFrom(transfer.argumentType().orElseThrow(), bytes);
    var type = decoded.getDescriptorForType();
    assertThat(((DynamicMessage) decoded.getField(type.findFieldByName("to"))).getAllFields())
        .hasSize(1)
        .containsValue("bob");
    assertThat((long) decoded.getField(type.findFieldByName("amount"))).isEqualTo(-1L);
    assertThat(decoded.getRepeatedFieldCount(type.findFieldByName("tags"))).isEqualTo(2);
    assertThat(bank.encodeArguments(transfer, "{\"amount\": 5}"))
        .as("lowerCamelCase and proto names alike; only what is set is encoded")
        .containsExactly(0x10, 5);
  }

  @Test
  void aMethodIsFoundByNameOrId() throws Exception {
    PublishedInterface bank = bank();
    assertThat(bank.method("0").name()).isEqualTo("transfer");
    assertThat(bank.method("note").id()).isEqualTo(3);
    assertThat(bank.method("3").argumentType()).isEmpty();
    assertThatThrownBy(() -> bank.method("withdraw"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no method 'withdraw'")
        .hasMessageContaining("transfer (0, bank.Transfer)")
        .hasMessageContaining("note (3)");
    assertThatThrownBy(() -> bank.method("1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was removed");
  }

  @Test
  void aMethodWithoutTypeTakesTheJsonText() throws Exception {
    PublishedInterface bank = bank();
    var note = bank.method("note");
    assertThat(
            new String(bank.encodeArguments(note, " {\"text\": \"hi\"} "), StandardCharsets.UTF_8))
        .isEqualTo("{\"text\": \"hi\"}");
    assertThat(bank.encodeArguments(note, "")).isEmpty();
    assertThat(bank.encodeArguments(note, "42")).containsExactly('4', '2');
  }

  @Test
  void badArgumentsAreExplained() throws Exception {
    PublishedInterface bank = bank();
    var transfer = bank.method("transfer");
    assertThatThrownBy(() -> bank.encodeArguments(transfer, "{\"amout\": 5}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("amout")
        .hasMessageContaining("[to, amount, memo, tags]");
    assertThatThrownBy(() -> bank.encodeArguments(transfer, "{\"amount\": \"lots\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("do not fit bank.Transfer");
    assertThatThrownBy(() -> bank.encodeArguments(transfer, "[1, 2]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> bank.encodeArguments(bank.method("note"), "{oops"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void aMalformedInterfaceIsRefused() {
    var missingDependency = FileDescriptorSet.newBuilder().addFile(BANK).addFile(COMMON).build();
    assertThatThrownBy(() -> PublishedInterface.fromProto("bank", proto(missingDependency)))
        .isInstanceOf(MalformedAnswerException.class)
        .hasMessageContaining("before its dependency common.proto");
    var noType = FileDescriptorSet.newBuilder().addFile(COMMON).build();
    assertThatThrownBy(() -> PublishedInterface.fromProto("bank", proto(noType)))
        .isInstanceOf(MalformedAnswerException.class)
        .hasMessageContaining("bank.Transfer");
    assertThatThrownBy(() ->
            PublishedInterface.fromJson(
                "bank", NodeHttp.JSON.readTree("{\"methods\": \"not a list\"}")))
        .isInstanceOf(MalformedAnswerException.class)
        .hasMessageContaining("not a ServiceInterfaceProto");
  }
}
