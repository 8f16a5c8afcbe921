package io.devenv.junit;

import io.devenv.checkpoint.CheckpointName;
import io.devenv.core.DevenvException;
import io.devenv.core.ExitCode;
import io.devenv.lifecycle.Checkpoints;
import io.devenv.lifecycle.Operations;
import io.devenv.profile.Profile;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;

/** The extension behind {@link DevEnv}. */
public final class DevEnvExtension implements BeforeAllCallback, TestInstancePostProcessor, ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(DevEnvExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    DevEnvironment env = environment(context);
    inject(context.getRequiredTestClass(), null, env);
  }

  @Override
  public void postProcessTestInstance(Object instance, ExtensionContext context) throws Exception {
    inject(instance.getClass(), instance, environment(context));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == DevEnvironment.class || DevEnvironment.CLIENT_TYPES.contains(type);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return valueFor(parameter.getParameter().getType(), environment(context));
  }

  /** The class's view of its shared environment: started on first use, with the class's isolation applied once. */
  private static DevEnvironment environment(ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(ClassEnvironment.class,
        key -> ClassEnvironment.open(classContext, shared(classContext)), ClassEnvironment.class).view();
  }

  private static SharedEnvironment shared(ExtensionContext classContext) {
    DevEnv annotation = AnnotationSupport.findAnnotation(classContext.getRequiredTestClass(), DevEnv.class)
        .orElseThrow(() -> new ExtensionConfigurationException("DevEnvExtension needs @DevEnv on "
            + classContext.getRequiredTestClass().getName()));
    Settings settings = Settings.of(annotation);
    return classContext.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(settings, SharedEnvironment::start, SharedEnvironment.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }

  private static void inject(Class<?> type, Object instance, DevEnvironment env) throws IllegalAccessException {
    for (Field field : AnnotationSupport.findAnnotatedFields(type, DevEnv.Inject.class)) {
      if ((instance == null) != Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      if (Modifier.isFinal(field.getModifiers())) {
        throw new ExtensionConfigurationException("@DevEnv.Inject field " + field + " must not be final");
      }
      field.setAccessible(true);
      field.set(instance, valueFor(field.getType(), env));
    }
  }

  private static Object valueFor(Class<?> type, DevEnvironment env) {
    if (type == DevEnvironment.class) {
      return env;
    }
    if (!DevEnvironment.CLIENT_TYPES.contains(type)) {
      throw new ExtensionConfigurationException("devenv cannot inject a " + type.getName()
          + "; it injects DevEnvironment and " + DevEnvironment.CLIENT_TYPES);
    }
    return env.client(type);
  }

  /** One test class's environment: the shared one, re-seeded or in a namespace of its own as the class asks. */
  private static final class ClassEnvironment implements AutoCloseable {
    private final DevEnvironment view;
    private final String freshNamespace;
    private final SharedEnvironment shared;

    private ClassEnvironment(SharedEnvironment shared, DevEnvironment view, String freshNamespace) {
      this.shared = shared;
      this.view = view;
      this.freshNamespace = freshNamespace;
    }

    static ClassEnvironment open(ExtensionContext classContext, SharedEnvironment shared) {
      shared.require();
      DevEnv annotation = AnnotationSupport.findAnnotation(classContext.getRequiredTestClass(), DevEnv.class).orElseThrow();
      Profile profile = shared.profile();
      Operations operations = SharedEnvironment.operations(shared.settings());
      if (!annotation.checkpoint().isEmpty()) {
        restore(shared, annotation.checkpoint());
      }
      if (annotation.reseed().length > 0) {
        operations.seed(shared.require().environment(), Isolation.onlySeeds(profile, annotation.reseed()), true);
      }
      String namespace = profile.kubernetes().namespace();
      String fresh = null;
      if (annotation.freshNamespace()) {
        fresh = freshName(namespace, classContext.getRequiredTestClass());
        operations.deploy(shared.require().environment(), Isolation.inNamespace(profile, fresh));
        namespace = fresh;
      }
      return new ClassEnvironment(shared, new DevEnvironment(shared, namespace), fresh);
    }

    /** The same restore as {@code devenv checkpoint restore}, under the project lock. */
    private static void restore(SharedEnvironment shared, String checkpoint) {
      try {
        SharedEnvironment.checkpoints(shared.settings()).restore(shared.require().environment(), new CheckpointName(checkpoint));
      } catch (DevenvException e) {
        if (e.exitCode() == ExitCode.INVALID_INPUT) {
          throw new ExtensionConfigurationException("@DevEnv(checkpoint = \"" + checkpoint + "\"): " + e.getMessage(), e);
        }
        throw e;
      }
    }

    DevEnvironment view() {
      return view;
    }

    private static String freshName(String base, Class<?> testClass) {
      String name = (base + "-" + testClass.getSimpleName()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
      String suffix = "-" + UUID.randomUUID().toString().substring(0, 6);
      return (name.length() > 63 - suffix.length() ? name.substring(0, 63 - suffix.length()) : name) + suffix;
    }

    @Override
    public void close() {
      if (freshNamespace != null) {
        shared.kubernetes().namespaces().withName(freshNamespace).delete();
      }
    }
  }
}
