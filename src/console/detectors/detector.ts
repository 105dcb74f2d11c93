// What every detector is: a named way of finding the console elements that show a denial.

export type DetectorId = 'alert' | 'flashbar' | 'modal' | 'widget' | 'billing-banner' | 'text-scan';

export interface Detector {
  readonly id: DetectorId;
  /**
   * Containers under `root` (root itself included) whose text holds a denial trigger. A
   * container is also the anchor: the panel mounts right after it. `exclude` marks subtrees
   * that other detectors already own; only the text scan needs it.
   */
  find(root: ParentNode, exclude?: (el: Element) => boolean): Element[];
  /** The text to parse for one of this detector's containers, leaving out `skip` subtrees. */
  text(container: Element, skip?: (el: Element) => boolean): string;
  /** The element whose subtree holds all that `text` reads for `container`, when that is not the container itself. */
  textRoot?(container: Element): Element;
}
