import { createContext, useContext, type ReactNode } from 'react';
import { createMessenger, type Messenger } from '../../utils/messaging/client';

/**
 * Pages talk to the background only through the typed messenger. It comes from context so
 * component tests can pass a fake one.
 */
const MessengerContext = createContext<Messenger | null>(null);

export function MessengerProvider(props: { messenger?: Messenger; children: ReactNode }) {
  return (
    <MessengerContext.Provider value={props.messenger ?? createMessenger()}>
      {props.children}
    </MessengerContext.Provider>
  );
}

export function useMessenger(): Messenger {
  const messenger = useContext(MessengerContext);
  if (!messenger) throw new Error('useMessenger needs a <MessengerProvider> above it');
  return messenger;
}
