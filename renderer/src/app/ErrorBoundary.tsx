import { Component, type ReactNode } from 'react';

type Props = { fallback: (error: Error) => ReactNode; children: ReactNode };

/** Keeps one broken part (say, a body that cannot be displayed) from blanking the whole desk. */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error) {
    console.error('[desk] view failed:', error);
  }

  override render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}
