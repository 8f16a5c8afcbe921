package io.devenv.plan;

import java.util.List;

/**
 * What {@code devenv up} will do for a profile, in order. Printable as text and as a stable JSON
 * document; built without Docker.
 *
 * @param profile the profile's name
 * @param file the profile file, as the user would type it
 * @param steps the steps, numbered from 1
 */
public record Plan(String profile, String file, List<Step> steps) {

  /**
   * One step.
   *
   * @param index its number, from 1
   * @param phase engine, aws, seed, kubernetes or expose
   * @param action what is done, e.g. "create S3 bucket"
   * @param target what it is done to, e.g. "vod-images"
   * @param details what else matters, one short phrase each
   */
  public record Step(int index, String phase, String action, String target, List<String> details) {}
}
