import type { ButtonHTMLAttributes, ReactElement } from 'react';
import styles from './StartControls.module.css';

export interface StartButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled'> {
  appearance?: 'primary' | 'secondary' | 'subtle';
  icon?: ReactElement;
  /** Drawn disabled and ignores clicks, but stays in the Tab order: Fluent's disabledFocusable. */
  disabledFocusable?: boolean;
}

/** A native button in Fluent's look, for the start screen (see StartControls.module.css for why). */
export function StartButton({
  appearance = 'secondary',
  icon,
  disabledFocusable = false,
  className,
  children,
  onClick,
  type = 'button',
  ...rest
}: StartButtonProps) {
  const classes = [styles.button, appearance === 'secondary' ? '' : styles[appearance], className];
  return (
    <button
      {...rest}
      type={type}
      className={classes.filter(Boolean).join(' ')}
      aria-disabled={disabledFocusable || undefined}
      onClick={(event) => {
        if (disabledFocusable) event.preventDefault();
        else onClick?.(event);
      }}
    >
      {icon && (
        <span className={styles.icon} aria-hidden>
          {icon}
        </span>
      )}
      {children}
    </button>
  );
}
