package io.devenv.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The certificates of a test control plane, made with openssl in a directory: a CA, the API
 * server's serving certificate (127.0.0.1, localhost, kubernetes.default), one client certificate
 * per component, and the service-account key pair. Valid for two days: they live as long as a test run.
 */
final class KubePki {

  static final String HOW_TO_INSTALL = "openssl is not on the PATH: apt-get install openssl";

  private final Path dir;

  private KubePki(Path dir) {
    this.dir = dir;
  }

  static boolean opensslPresent() {
    try {
      Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Makes every key and certificate under {@code dir}. */
  static KubePki create(Path dir) throws IOException, InterruptedException {
    KubePki pki = new KubePki(dir);
    pki.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=devenv-test-ca",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature");
    pki.sign("apiserver", "/CN=kube-apiserver", "serverAuth",
        "IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc");
    pki.sign("kwok", "/CN=kwok-node-0", "serverAuth", "IP:127.0.0.1,DNS:localhost,DNS:kwok-node-0");
    // Tests, the controller-manager and KWOK act as administrators: this cluster exists only for them.
    // fabric8 reads RSA client keys (not EC ones): the tests' own key is RSA.
    pki.sign("admin", "/O=system:masters/CN=devenv-test-admin", "clientAuth", null, "rsa:2048");
    pki.sign("controller-manager", "/O=system:masters/CN=system:kube-controller-manager", "clientAuth", null);
    pki.sign("scheduler", "/CN=system:kube-scheduler", "clientAuth", null);
    pki.sign("kwok-client", "/O=system:masters/CN=kwok-controller", "clientAuth", null);
    pki.sign("apiserver-kubelet-client", "/O=system:masters/CN=kube-apiserver-kubelet-client", "clientAuth", null);
    pki.openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", "sa.key");
    pki.openssl("pkey", "-in", "sa.key", "-pubout", "-out", "sa.pub");
    return pki;
  }

  Path dir() {
    return dir;
  }

  Path ca() {
    return dir.resolve("ca.crt");
  }

  Path cert(String name) {
    return dir.resolve(name + ".crt");
  }

  Path key(String name) {
    return dir.resolve(name + ".key");
  }

  private void sign(String name, String subject, String usage, String altNames) throws IOException, InterruptedException {
    sign(name, subject, usage, altNames, null);
  }

  /** @param rsa an RSA key spec ("rsa:2048"), or null for a P-256 key (fast to make) */
  private void sign(String name, String subject, String usage, String altNames, String rsa) throws IOException, InterruptedException {
    if (rsa != null) {
      openssl("req", "-newkey", rsa, "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
    } else {
      openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
          "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
    }
    StringBuilder ext = new StringBuilder("basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n")
        .append("extendedKeyUsage=").append(usage).append('\n');
    if (altNames != null) {
      ext.append("subjectAltName=").append(altNames).append('\n');
    }
    Files.writeString(dir.resolve(name + ".ext"), ext, StandardCharsets.UTF_8);
    openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", name + ".crt", "-days", "2", "-extfile", name + ".ext");
  }

  private void openssl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("openssl " + String.join(" ", args) + " failed:\n" + output);
    }
  }
}
