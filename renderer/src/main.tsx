// renderer/src/main.tsx — the renderer's entry: loads the styles every view shares (tokens, kit, base, shell; each view imports its own) and mounts <App/> into index.html.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './styles/tokens.css'
import './components/ui/kit.css'
import './styles/base.css'
import './styles/shell.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
