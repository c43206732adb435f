import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PopupActionsProvider } from '../../components/popup/popup-actions';
import { PopupApp } from '../../components/popup/PopupApp';
import { MessengerProvider } from '../../components/shared/messenger-context';
import { createMessenger } from '../../utils/messaging/client';
import './style.css';

// Wiring only: the popup itself lives in components/popup.
const root = document.getElementById('root');
if (!root) throw new Error('popup.html has no #root');
createRoot(root).render(
  <StrictMode>
    <MessengerProvider messenger={createMessenger()}>
      <PopupActionsProvider>
        <PopupApp />
      </PopupActionsProvider>
    </MessengerProvider>
  </StrictMode>,
);
