package io.devenv.checkpoint;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.devenv.aws.AwsClients;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * Writes the current values of the declared secrets ({@code {name, string | binary}}) and
 * parameters ({@code {name, type, value}}), one NDJSON line each, in profile order.
 */
final class ValueSaver {
  static final String SECRETS = "secrets.ndjson";
  static final String PARAMETERS = "parameters.ndjson";

  private final AwsClients aws;

  ValueSaver(AwsClients aws) {
    this.aws = aws;
  }

  List<Manifest.Value> secrets(List<String> names, Path dir) throws IOException {
    List<Manifest.Value> values = new ArrayList<>();
    try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(SECRETS), StandardCharsets.UTF_8)) {
      for (String name : names) {
        GetSecretValueResponse v = aws.secrets().getSecretValue(r -> r.secretId(name));
        ObjectNode line = JsonNodeFactory.instance.objectNode().put("name", name);
        if (v.secretString() != null) {
          line.put("string", v.secretString());
        } else {
          line.put("binary", Base64.getEncoder().encodeToString(v.secretBinary().asByteArray()));
        }
        values.add(write(out, name, line));
      }
    }
    return values;
  }

  List<Manifest.Value> parameters(List<String> names, Path dir) throws IOException {
    List<Manifest.Value> values = new ArrayList<>();
    try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(PARAMETERS), StandardCharsets.UTF_8)) {
      for (String name : names) {
        Parameter p = aws.ssm().getParameter(r -> r.name(name).withDecryption(true)).parameter();
        values.add(write(out, name, JsonNodeFactory.instance.objectNode().put("name", name).put("type", p.typeAsString())
            .put("value", p.value())));
      }
    }
    return values;
  }

  private static Manifest.Value write(BufferedWriter out, String name, ObjectNode line) throws IOException {
    String text = Manifest.LINE.writeValueAsString(line);
    out.write(text);
    out.write('\n');
    return new Manifest.Value(name, HexFormat.of().formatHex(Hashes.sha256().digest(text.getBytes(StandardCharsets.UTF_8))));
  }
}
