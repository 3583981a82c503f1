// renderer/src/shell/lazy-view.ts — a view whose code loads when it is first shown (its own chunk in the build):
// the registry names the module with import() and picks the component; the shell renders it inside Suspense.
import { lazy, type ComponentType } from 'react'

export function lazyView<Module>(load: () => Promise<Module>, pick: (module: Module) => ComponentType): ComponentType {
  return lazy(async () => ({ default: pick(await load()) }))
}
