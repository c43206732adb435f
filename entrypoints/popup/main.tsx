import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function PopupApp() {
  return (
    <main>
      <h1>CFTR Incident Bridge</h1>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PopupApp />
  </StrictMode>,
);
