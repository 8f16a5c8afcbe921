package io.devenv.engine;

import java.security.Provider;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The SSL context of a docker-java client on a local Unix socket, where no TLS is ever spoken:
 * docker-java's transport wants one as it is built (without one it loads the JDK's default context
 * and CA store), but never uses it for a {@code unix://} host. Made without any security provider
 * (starting the JDK's TLS provider was a sixth of a no-op {@code up}'s Docker lookup); any use fails
 * at once instead of connecting without TLS.
 */
final class NoTlsContext extends SSLContext {

  private static final Provider NONE = new Provider("devenv-no-tls", "1", "no TLS: a local Unix socket") {
    private static final long serialVersionUID = 1L;
  };

  NoTlsContext() {
    super(new Refusing(), NONE, "none");
  }

  private static final class Refusing extends SSLContextSpi {
    private static UnsupportedOperationException refused() {
      return new UnsupportedOperationException("devenv reaches Docker here through a local Unix socket, without TLS");
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) {
      throw refused();
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      throw refused();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      throw refused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      throw refused();
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      throw refused();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      throw refused();
    }
  }
}
