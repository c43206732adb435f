import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function OptionsApp() {
  return (
    <main>
      <h1>CFTR Incident Bridge settings</h1>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OptionsApp />
  </StrictMode>,
);
