package io.devenv.doctor;

import io.devenv.engine.EmulatorPreset;

/** LocalStack tags after 4.14.0 need LOCALSTACK_AUTH_TOKEN; say whether this setup has what it needs. */
final class TokenCheck implements Check {
  @Override
  public String name() {
    return "LocalStack token";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    EmulatorPreset preset = context.profile().map(p -> EmulatorPreset.of(p.aws())).orElse(EmulatorPreset.LOCALSTACK);
    boolean tokenSet = !context.environment().getOrDefault(EmulatorPreset.TOKEN_VARIABLE, "").isBlank();
    if (!context.wantsAws()) {
      return CheckResult.ok(name(), "not needed (no emulator)");
    }
    if (preset != EmulatorPreset.LOCALSTACK) {
      return CheckResult.ok(name(), "not needed (" + preset.name() + " emulator)");
    }
    String image = context.profile().map(p -> p.aws().image()).orElse(null);
    image = image == null ? preset.defaultImage() : image;
    if (preset.needsToken(image)) {
      return tokenSet ? CheckResult.ok(name(), "set; " + image + " needs it")
          : CheckResult.fail(name(), image + " needs " + EmulatorPreset.TOKEN_VARIABLE + " (tags after "
              + EmulatorPreset.LAST_TOKEN_FREE_LOCALSTACK + ")",
              "export " + EmulatorPreset.TOKEN_VARIABLE + "=..., or use " + EmulatorPreset.LOCALSTACK.defaultImage()
                  + ", or aws.emulator: ministack");
    }
    return CheckResult.ok(name(), "not needed for " + image + (tokenSet ? " (set; passed through anyway)" : ""));
  }
}
