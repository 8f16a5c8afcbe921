package io.devenv.seed;

import io.devenv.aws.AwsClients;
import io.devenv.aws.ParameterProvisioner;
import io.devenv.aws.SecretProvisioner;
import io.devenv.profile.ParameterSpec;
import io.devenv.profile.SecretSpec;
import java.util.List;

/**
 * On {@code --reset}, puts back the declared value of every secret and parameter (from the
 * profile or its file), replacing whatever a developer set. Without reset the provisioner has
 * created them and reports a different value as drift; the seeder leaves them alone.
 */
final class ValueSeeder extends SeedTarget {
  private final List<Runnable> units;

  private ValueSeeder(String kind, String name, List<Runnable> units) {
    super(kind, name);
    this.units = units;
    this.total = units.size();
  }

  static ValueSeeder secrets(AwsClients aws, String profile, List<SecretSpec> secrets) {
    SecretProvisioner provisioner = new SecretProvisioner(aws, profile);
    ValueSeeder[] self = new ValueSeeder[1];
    self[0] = new ValueSeeder("secret", secrets.size() + " secrets", secrets.stream().<Runnable>map(s -> () -> {
      if (provisioner.replace(s)) {
        self[0].loaded.incrementAndGet();
      } else {
        self[0].countUnchanged();
      }
    }).toList());
    return self[0];
  }

  static ValueSeeder parameters(AwsClients aws, String profile, List<ParameterSpec> parameters) {
    ParameterProvisioner provisioner = new ParameterProvisioner(aws, profile);
    ValueSeeder[] self = new ValueSeeder[1];
    self[0] = new ValueSeeder("parameter", parameters.size() + " parameters", parameters.stream().<Runnable>map(p -> () -> {
      if (provisioner.replace(p)) {
        self[0].loaded.incrementAndGet();
      } else {
        self[0].countUnchanged();
      }
    }).toList());
    return self[0];
  }

  private synchronized void countUnchanged() {
    skipped++;
  }

  @Override
  void prepare(boolean reset) {}

  @Override
  List<Runnable> units() {
    return units;
  }

  @Override
  String describe() {
    return name;
  }

  @Override
  String verb() {
    return "replaced";
  }
}
