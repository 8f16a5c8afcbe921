package io.devenv.doctor;

import io.devenv.engine.PortCheck;
import io.devenv.profile.KubernetesSpec.PortForward;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every fixed port the profile asks for on 127.0.0.1 is free. */
final class PortsCheck implements Check {
  @Override
  public String name() {
    return "free ports";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    Map<Integer, String> wanted = new LinkedHashMap<>();
    if (context.awsHostPort() > 0) {
      wanted.put(context.awsHostPort(), "the AWS emulator");
    }
    context.profile().ifPresent(p -> {
      if (p.kubernetes().enabled()) {
        for (PortForward f : p.kubernetes().portForwards()) {
          if (f.localPort() > 0) {
            wanted.putIfAbsent(f.localPort(), "port-forward " + f.service());
          }
        }
      }
    });
    if (wanted.isEmpty()) {
      return CheckResult.ok(name(), "no fixed port asked for (free ones are picked)");
    }
    List<String> taken = new ArrayList<>();
    wanted.forEach((port, what) -> {
      if (!PortCheck.isFree(port)) {
        taken.add(port + " (" + what + ")");
      }
    });
    if (taken.isEmpty()) {
      return CheckResult.ok(name(), "127.0.0.1 ports " + wanted.keySet() + " are free");
    }
    return CheckResult.fail(name(), "taken on 127.0.0.1: " + String.join(", ", taken),
        "stop what listens there (ss -ltnp), or set localPort: 0 so devenv picks a free port");
  }
}
