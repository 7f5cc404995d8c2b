import { type RefObject, useEffect } from 'react';

/**
 * Fluent's Combobox sets aria-activedescendant imperatively and leaves it pointing at an option that is no
 * longer in the page once the list closes; screen readers then announce nothing. While the list is closed
 * the attribute has no meaning, so it is removed.
 */
export function useNoStaleActiveDescendant(inputRef: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    const tidy = () => {
      const id = input.getAttribute('aria-activedescendant');
      if (id !== null && (input.getAttribute('aria-expanded') !== 'true' || !document.getElementById(id))) {
        input.removeAttribute('aria-activedescendant');
      }
    };
    const observer = new MutationObserver(tidy);
    observer.observe(input, {
      attributes: true,
      attributeFilter: ['aria-activedescendant', 'aria-expanded'],
    });
    return () => observer.disconnect();
  }, [inputRef]);
}
