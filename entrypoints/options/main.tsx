import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { OptionsApp } from '../../components/options/OptionsApp';
import { MessengerProvider } from '../../components/shared/messenger-context';
import './style.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MessengerProvider>
        <OptionsApp permissions={browser.permissions} />
      </MessengerProvider>
    </StrictMode>,
  );
}
