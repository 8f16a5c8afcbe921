package io.devenv.kubernetes;

/** What applying one object did. */
public enum ApplyOutcome {
  /** It did not exist and was created. */
  CREATED,
  /** It existed and was changed to match the manifest. */
  CONFIGURED,
  /** It already matched what devenv applied last time: nothing was sent. */
  UNCHANGED
}
